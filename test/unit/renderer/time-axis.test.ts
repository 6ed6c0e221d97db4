import { describe, expect, it } from 'vitest';
import { timeTickLabels, TICK_SPACE } from '../../../renderer/src/shapes/time-axis';

const at = (y: number, m: number, d: number, h: number, min: number, s = 0) => new Date(y, m, d, h, min, s).getTime() / 1000;

describe('latency chart time axis', () => {
  it('writes 24-hour times, the date on the first tick and where the day changes', () => {
    const labels = timeTickLabels([at(2026, 11, 4, 22, 0), at(2026, 11, 4, 23, 0), at(2026, 11, 5, 0, 0), at(2026, 11, 5, 13, 0)]);
    expect(labels[0]).toMatch(/^22:00\n.*4/);
    expect(labels[1]).toBe('23:00');
    expect(labels[2]).toMatch(/^00:00\n.*5/);
    expect(labels[3]).toBe('13:00');
    expect(labels.join(' ')).not.toMatch(/am|pm/i);
  });

  it('shows seconds only when ticks are closer than a minute', () => {
    expect(timeTickLabels([at(2026, 0, 1, 9, 5, 10), at(2026, 0, 1, 9, 5, 40)])[1]).toBe('09:05:40');
    expect(timeTickLabels([at(2026, 0, 1, 9, 5), at(2026, 0, 1, 9, 10)])[1]).toBe('09:10');
  });

  it('keeps ticks far enough apart for the widest label (HH:MM:SS at ~7 px a character)', () => {
    expect(TICK_SPACE).toBeGreaterThanOrEqual('00:00:00'.length * 7 + 20);
  });
});

import { describe, expect, it } from 'vitest';
import { diffEvent } from '@shared/changes';
import { benchDiff, buildBenchEvent, runDiffBench } from '@shared/changes/bench';

describe('diff bench helpers', () => {
  it('builds an update of the requested size that exercises every kind of work', () => {
    const event = buildBenchEvent(200_000);
    expect(JSON.stringify({ Original: event.original, New: event.new }).length).toBeGreaterThanOrEqual(200_000);
    const tree = diffEvent(event);
    expect(tree.counts.changed).toBeGreaterThan(0);
    expect(tree.counts.equal).toBeGreaterThan(0);
    expect(tree.counts.untouched).toBeGreaterThan(0);
    expect(tree.nodes.some((n) => n.textDiff)).toBe(true);
    expect(tree.nodes.some((n) => n.typeChanged)).toBe(true);
  });

  it('reports the median of the timed runs (injected clock)', () => {
    const durations = [9, 1, 5];
    let tick = 0;
    let call = 0;
    const now = (): number => {
      // start, end pairs: each run lasts the next duration.
      const value = call % 2 === 0 ? tick : (tick += durations[(call - 1) / 2] ?? 0);
      call++;
      return value;
    };
    const result = runDiffBench({ targetBytes: 20_000, runs: 3, warmup: 0, now });
    expect(result).toMatchObject({ medianMs: 5, minMs: 1, maxMs: 9, runs: 3 });
    call = 0;
    expect(benchDiff({ targetBytes: 20_000, runs: 3, warmup: 0, now })).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { countText } from '../../../shared/count-text';

describe('counts as the status bar and toolbar write them', () => {
  it('groups digits by thousands as en-US does, for every size and sign', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1000, -987_654_321, Number.MAX_SAFE_INTEGER])
      expect(countText(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves what is not a whole count to toLocaleString', () => {
    expect(countText(1234.5)).toBe('1,234.5');
    expect(countText(Number.NaN)).toBe('NaN');
  });
});

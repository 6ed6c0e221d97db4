import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../electron/engine/tunnel/backoff';

describe('tunnel backoff', () => {
  it('doubles from the initial wait and stops at the cap', () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, DEFAULT_BACKOFF, middle))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('spreads each wait by at most the jitter fraction and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const base = backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.5);
        const delay = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - DEFAULT_BACKOFF.jitter)));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + DEFAULT_BACKOFF.jitter)));
      }),
    );
  });
});

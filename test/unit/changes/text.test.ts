import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPrefixLength, commonSuffixLength, diffText, textSides } from '@shared/changes';

const limits = { maxLength: 2000, maxEdits: 200 };

describe('diffText', () => {
  it('always rebuilds both texts exactly, with no empty or repeated segments', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\n', 'é', '😀'), maxLength: 300 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 1000 }), (before, after, budget) => {
        const diff = diffText(before, after, { maxLength: 60, maxEdits: 20 }, { remaining: budget });
        expect(textSides(diff)).toEqual({ before, after });
        diff.segments.forEach((segment, i) => {
          expect(segment.text).not.toBe('');
          expect(segment.op).not.toBe(diff.segments[i + 1]?.op);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reads a word swap as a word swap, not as scattered letters', () => {
    const diff = diffText('Follow up with the client about the renewal next week.', 'Follow up with the customer about the renewal next week.', limits, {
      remaining: 1e6,
    });
    expect(diff.segments).toEqual([
      { op: 'equal', text: 'Follow up with the c' },
      { op: 'delete', text: 'lient' },
      { op: 'insert', text: 'ustomer' },
      { op: 'equal', text: ' about the renewal next week.' },
    ]);
  });

  it('spends the shared budget and falls back to trimmed when it runs out', () => {
    const budget = { remaining: 12 };
    const first = diffText('abcdef-ghijkl', 'abcdXf-ghYjkl', limits, budget);
    expect(first.mode).toBe('chars');
    expect(budget.remaining).toBeLessThan(12);
    const second = diffText('abcdef-ghijkl', 'abcdXf-ghYjkl', limits, budget);
    expect(second.mode).toBe('trimmed');
  });

  it('never splits a surrogate pair when trimming', () => {
    expect(commonPrefixLength('x\u{1F600}', 'x\u{1F601}')).toBe(1);
    expect(commonSuffixLength('\u{1F600}x', '\u{1F601}x', 0)).toBe(1);
    const diff = diffText('note 😀 end', 'note 😁 end', limits, { remaining: 1e6 });
    expect(diff.segments.filter((s) => s.op !== 'equal').map((s) => s.text)).toEqual(['😀', '😁']);
  });

  it('pure insertions and deletions are exact without diffChars', () => {
    expect(diffText('abc', 'abXc', limits, { remaining: 0 }).segments).toEqual([
      { op: 'equal', text: 'ab' },
      { op: 'insert', text: 'X' },
      { op: 'equal', text: 'c' },
    ]);
  });
});

describe('common prefix and suffix', () => {
  it('agree with a per-character scan around block boundaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 1200 }), (p, m, s) => {
        const prefix = 'p'.repeat(p);
        const suffix = 's'.repeat(s);
        const a = `${prefix}A${'m'.repeat(m)}${suffix}`;
        const b = `${prefix}B${suffix}`;
        expect(commonPrefixLength(a, b)).toBe(p);
        expect(commonSuffixLength(a, b, commonPrefixLength(a, b))).toBe(s);
        expect(commonPrefixLength(a, a)).toBe(a.length);
        expect(commonSuffixLength(a, a, Math.min(10, a.length))).toBe(a.length - Math.min(10, a.length));
      }),
      { numRuns: 200 },
    );
  });
});

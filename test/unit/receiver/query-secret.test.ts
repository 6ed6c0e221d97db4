import fc from 'fast-check';
import { expect, it } from 'vitest';
import { querySecret } from '../../../electron/engine/receiver/server';

it('reads the secret of the plain queries the target URL uses', () => {
  expect(querySecret('?secret=Ab-9_x~')).toBe('Ab-9_x~');
  expect(querySecret('?a=1&secret=s&secret=t')).toBe('s');
  expect(querySecret('')).toBeNull();
  expect(querySecret('?secretx=1&secret')).toBe('');
  expect(querySecret('?secret=a%2Db')).toBe('a-b');
});

it('agrees with URLSearchParams on any query', () => {
  const chars = fc.constantFrom(...'?&=#%.:@[]-_~ +aZ09secrt'.split(''));
  const query = fc.oneof(
    fc.array(chars, { maxLength: 30 }).map((cs) => '?' + cs.join('')),
    fc
      .array(fc.constantFrom('secret', 'secret=', 'secret=x', 'a=1', 'secretx=2', '&', '=', 's%65cret=y'), { maxLength: 6 })
      .map((parts) => '?' + parts.join('&')),
  );
  fc.assert(
    fc.property(query, (q) => {
      expect(querySecret(q)).toBe(new URLSearchParams(q).get('secret'));
    }),
    { numRuns: 3000 },
  );
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { calls } from '../../shared/contract';

it('documents every automation call in the README (regenerate with `npm run docs:api`)', () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const table = /<!-- api-table:start -->([\s\S]*)<!-- api-table:end -->/.exec(readme)?.[1] ?? '';
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(Object.keys(calls).sort());
});

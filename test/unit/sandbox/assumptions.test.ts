import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { SANDBOX_ASSUMPTIONS } from '../../../electron/engine/sandbox/assumptions';

const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/sandbox.md'), 'utf8');

it('docs/sandbox.md lists every X-Sandbox-Assumption value the sandbox sends, and no other', () => {
  const section = docs.split('## Assumptions')[1]!.split('\n## ')[0]!;
  const documented = [...section.matchAll(/^\|[^|]+\| `(CONTRACT\.md [^`]+)` \|$/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(Object.values(SANDBOX_ASSUMPTIONS).sort());
});

it('every label is plain ASCII, as an HTTP header value must be', () => {
  for (const value of Object.values(SANDBOX_ASSUMPTIONS)) expect(value).toMatch(/^[\x20-\x7e]+$/);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Seeding the bench's large databases goes straight through the store's own API, but may stay outside it. */
const allowed = (file: string) => file.startsWith('electron/engine/store/') || file === 'electron/bench/seed.ts';

const SQL = [
  /\.prepare\(/,
  /\.pragma\(/,
  /\.transaction\(/,
  /\bdb\.exec\(/,
  /from 'better-sqlite3'/,
  /\.db\b(?!['"`])/,
];

it('writes SQL only in electron/engine/store (one repository per table family; services get repositories, never db)', () => {
  const offenders: string[] = [];
  for (const path of [...sources(join(root, 'electron')), ...sources(join(root, 'shared')), ...sources(join(root, 'renderer/src'))]) {
    const file = relative(root, path);
    if (allowed(file)) continue;
    const text = readFileSync(path, 'utf8');
    for (const pattern of SQL) if (pattern.test(text)) offenders.push(`${file}: ${pattern}`);
  }
  expect(offenders).toEqual([]);
});

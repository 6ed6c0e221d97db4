import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

const SQL = [/\.prepare\(/, /\.pragma\(/, /\.transaction\(/, /\bdb\.exec\(/, /from 'better-sqlite3'/, /\.db\b(?!['"`])/];

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

/** The files a module imports at run time or for types (relative and @shared paths). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const [, spec] of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)) {
    const base = spec!.startsWith('.') ? resolve(dirname(file), spec!) : spec!.startsWith('@shared/') ? join(root, 'shared', spec!.slice(8)) : null;
    if (!base) continue;
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (target) found.push(target);
  }
  return found;
}

it('the engine has no import circle (each one means two owners of something, like the connection status had)', () => {
  const files = sources(join(root, 'electron/engine'));
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(root, f)).join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  expect(cycles).toEqual([]);
});

it('no two paths in the repository differ only in case (they collide on macOS and Windows file systems)', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  // Every folder of every file counts too: `Detail/` beside `detail/` collides as well.
  const paths = new Set(files.flatMap((file) => file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const byLower = new Map<string, string[]>();
  for (const path of paths) byLower.set(path.toLowerCase(), [...(byLower.get(path.toLowerCase()) ?? []), path]);
  expect([...byLower.values()].filter((same) => same.length > 1)).toEqual([]);
});

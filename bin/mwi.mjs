#!/usr/bin/env node
// `mwi` from a clone or an installed package: brings out/ up to date when the sources are
// here (a clone), then runs the built command.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const built = join(root, 'out', 'main', 'mwi.js');
if (existsSync(join(root, 'electron.vite.config.ts'))) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(1);
}
if (!existsSync(built)) {
  console.error('mwi: out/main/mwi.js is missing: run `npm run build` first');
  process.exit(1);
}
await import(pathToFileURL(built).href);

#!/usr/bin/env node
// `mwi` from a clone or an installed package: brings out/ up to date when the sources are
// here (a clone), then runs the built command.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// A terminal command starts often and briefly: V8 reuses the compiled bundle from the last run
// instead of compiling it again (Node's on-disk cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
module.enableCompileCache?.();

const root = join(import.meta.dirname, '..');
const built = join(root, 'out', 'main', 'mwi.js');
if (existsSync(join(root, 'electron.vite.config.ts'))) {
  const { buildIfStale } = await import('../scripts/stale.mjs');
  if (buildIfStale(root) !== 0) process.exit(1);
}
if (!existsSync(built)) {
  console.error('mwi: out/main/mwi.js is missing: run `npm run build` first');
  process.exit(1);
}
await import(pathToFileURL(built).href);

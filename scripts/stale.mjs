// Whether out/ is older than the sources, and the build that brings it up to date. Imported by
// build-if-stale.mjs and by bin/mwi.mjs (in-process: a second node process cost `mwi` ~50 ms).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const newest = (dir) => {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

export function isStale(root) {
  const stamp = join(root, 'out', 'main', 'mwi.js');
  if (!existsSync(stamp)) return true;
  const sources = Math.max(
    ...['electron', 'renderer', 'shared'].map((d) => newest(join(root, d))),
    statSync(join(root, 'electron.vite.config.ts')).mtimeMs,
    statSync(join(root, 'package.json')).mtimeMs,
  );
  return statSync(stamp).mtimeMs < sources;
}

/** Builds out/ when stale; returns the build's exit status (0 when nothing was to do). */
export function buildIfStale(root) {
  if (!isStale(root)) return 0;
  console.error('Building (sources changed since the last build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return result.status ?? 1;
}

// Fetches better-sqlite3's prebuilt binary for Electron's ABI into native/electron-<abi>/,
// beside (never instead of) the Node build in node_modules that tests and browser mode use.
// Needs the internet (GitHub releases); where that is unreachable it says so and exits 1.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const abi = readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8').trim();
const target = join(root, 'native', `electron-${abi}`, 'better_sqlite3.node');
if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`Electron's better-sqlite3 is present: ${target}`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'mwi-sqlite-'));
const pkg = join(work, 'better-sqlite3');
cpSync(join(root, 'node_modules/better-sqlite3'), pkg, { recursive: true, filter: (src) => !src.includes(`${'build'}/`) });
rmSync(join(pkg, 'build'), { recursive: true, force: true });
const prebuild = require.resolve('prebuild-install/bin.js');
const result = spawnSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], {
  cwd: pkg,
  stdio: 'inherit',
});
const built = join(pkg, 'build', 'Release', 'better_sqlite3.node');
if (result.status !== 0 || !existsSync(built)) {
  console.error(`Could not fetch better-sqlite3 for Electron ${electronVersion} (ABI ${abi}); the internet (GitHub) may be unreachable.`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
mkdirSync(join(root, 'native', `electron-${abi}`), { recursive: true });
copyFileSync(built, target);
rmSync(work, { recursive: true, force: true });
console.log(`Fetched better-sqlite3 for Electron ${electronVersion}: ${target}`);

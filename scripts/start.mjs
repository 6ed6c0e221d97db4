// `npm start`: the desktop app where Electron can run; browser mode where it cannot.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (script, args = []) => spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'inherit' });

if (run('scripts/build-if-stale.mjs').status !== 0) process.exit(1);

/** Electron's binary, downloading it quietly on first use; the reason when that is impossible. */
function electronBinary() {
  if (process.env.MWI_BROWSER_MODE === '1') return { error: 'MWI_BROWSER_MODE=1 is set' };
  const dir = join(root, 'node_modules', 'electron');
  const located = () => {
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  if (located()) return { path: located() };
  console.log('Fetching the Electron binary (first start)…');
  const install = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'pipe', timeout: 180_000 });
  if (located()) return { path: located() };
  const why = `${install.stderr ?? ''}`.match(/(fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN)/)?.[1] ?? `exit ${install.status}`;
  return { error: `the Electron binary could not be downloaded: ${why}` };
}

const electron = electronBinary();
if (electron.path) {
  const child = spawn(electron.path, [root], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null && process.env.DISPLAY === undefined && process.platform === 'linux') {
      console.error('Electron exited: no display here. Starting browser mode instead.');
      startBrowserMode();
    } else process.exit(code ?? 0);
  });
} else {
  console.log(`Electron cannot start here (${electron.error}) — starting browser mode instead: open the UI link below.`);
  startBrowserMode();
}

function startBrowserMode() {
  const child = spawn(process.execPath, [join(root, 'out/main/mwi.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

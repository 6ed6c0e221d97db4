import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineForkOptions } from '../../../electron/desktop/main/engine-process';
import { ENGINE_ENV, ENGINE_EXEC_ARGV, tunedRelaunch } from '../../../electron/engine/process-tuning';

const node = '/usr/bin/node';
const argv = [node, '/app/bin/mwi.mjs', 'serve', '--port', '0'];

describe("the engine's process is started with its memory settings", () => {
  it('mwi serve started without them starts again with them, its own arguments unchanged', () => {
    const relaunch = tunedRelaunch(node, ['--enable-source-maps'], argv, { PATH: '/bin' });
    expect(relaunch).toEqual({
      args: [node, ...ENGINE_EXEC_ARGV, '--enable-source-maps', '/app/bin/mwi.mjs', 'serve', '--port', '0'],
      env: { PATH: '/bin', ...ENGINE_ENV },
    });
  });

  it('does not start again once it has them (no loop), and keeps values the user chose', () => {
    expect(tunedRelaunch(node, [...ENGINE_EXEC_ARGV], argv, { ...ENGINE_ENV })).toBeNull();
    const userFlags = ENGINE_EXEC_ARGV.map((flag) => `${flag.split('=')[0]!.replace(/-/g, '_')}=16`);
    const userEnv = Object.fromEntries(Object.keys(ENGINE_ENV).map((name) => [name, '8']));
    expect(tunedRelaunch(node, userFlags, argv, userEnv)).toBeNull();
    expect(tunedRelaunch(node, userFlags, argv, {})?.args).toEqual([node, ...userFlags, ...argv.slice(1)]);
    expect(tunedRelaunch(node, [], argv, userEnv)?.env).toEqual(userEnv);
  });

  it("the desktop app's engine process gets them from utilityProcess.fork, the app's environment kept", () => {
    const options = engineForkOptions({ HOME: '/home/me', MWI_DATA_DIR: '/data' });
    expect(options.execArgv).toEqual(ENGINE_EXEC_ARGV);
    expect(options.env).toEqual({ ...ENGINE_ENV, HOME: '/home/me', MWI_DATA_DIR: '/data' });
    const userEnv = Object.fromEntries(Object.keys(ENGINE_ENV).map((name) => [name, '8']));
    expect(engineForkOptions(userEnv).env).toEqual(userEnv);
  });

  it('npm run serve passes the same V8 flags (Windows has no execve to add them)', () => {
    const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const flag of ENGINE_EXEC_ARGV) expect(scripts.serve).toContain(flag);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_ENV, ENGINE_EXEC_ARGV } from '../../../electron/engine/process-tuning';
import { startServe } from '../../helpers/serve';

const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
const environ = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');

// /proc shows what the process was started with; execve is POSIX (Windows runs as started).
describe.runIf(process.platform === 'linux')("mwi serve runs with the engine's memory settings however it is started", () => {
  it('started as plain `node mwi.js serve`, the same process has them and still stops on SIGTERM', async () => {
    const served = await startServe({ env: Object.fromEntries(Object.keys(ENGINE_ENV).map((k) => [k, undefined])) });
    try {
      expect(cmdline(served.pid)).toEqual(expect.arrayContaining([...ENGINE_EXEC_ARGV, 'serve']));
      expect(environ(served.pid)).toEqual(expect.arrayContaining(Object.entries(ENGINE_ENV).map(([k, v]) => `${k}=${v}`)));
      expect((await served.call('status')).receiver.localUrl).toBe(served.receiverUrl);
    } finally {
      await served.close();
    }
  });

  it('a value the user set in the environment is kept', async () => {
    const served = await startServe({ env: Object.fromEntries(Object.keys(ENGINE_ENV).map((k) => [k, '7'])) });
    try {
      expect(environ(served.pid)).toEqual(expect.arrayContaining(Object.keys(ENGINE_ENV).map((k) => `${k}=7`)));
    } finally {
      await served.close();
    }
  });
});

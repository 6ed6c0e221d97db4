import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startServe, type Served } from '../../helpers/serve';

/** Browser mode's API token, given so that other local users cannot read it from the process list (issue 25). */

let served: Served | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await served?.close();
  served = undefined;
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const commandLineOf = (dataDir: string) => {
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'automation.json'), 'utf8')) as { pid: number };
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
};

const listEvents = (s: Served, token: string) =>
  fetch(`${s.baseUrl}/api/rpc/listEvents`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });

it.skipIf(!existsSync('/proc/self/cmdline'))(
  'takes the token from $MWI_API_TOKEN or a file, and it is not in the process list',
  async () => {
    const envToken = 'token-from-the-environment';
    served = await startServe({ env: { MWI_API_TOKEN: envToken } });
    expect(served.token).toBe(envToken);
    expect((await listEvents(served, envToken)).status).toBe(200);
    expect((await listEvents(served, 'some-other-token')).status).toBe(401);
    expect(commandLineOf(served.dataDir)).not.toContain(envToken);
    await served.close();

    const dir = mkdtempSync(join(tmpdir(), 'mwi-token-'));
    dirs.push(dir);
    const file = join(dir, 'token');
    writeFileSync(file, 'token-from-a-file-0123\n', { mode: 0o600 });
    served = await startServe({ args: ['--api-token-file', file] });
    expect(served.token).toBe('token-from-a-file-0123');
    expect((await listEvents(served, 'token-from-a-file-0123')).status).toBe(200);
    expect(commandLineOf(served.dataDir)).not.toContain('token-from-a-file-0123');
  },
  60_000,
);

it('warns that --api-token is visible to other users', async () => {
  served = await startServe({ args: ['--api-token', 'visible-in-ps-123'] });
  expect(served.token).toBe('visible-in-ps-123');
  expect(served.output()).toMatch(/Warning: --api-token is visible .*MWI_API_TOKEN or --api-token-file/);
}, 30_000);

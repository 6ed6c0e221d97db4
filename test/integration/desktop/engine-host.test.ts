import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostInThread, type HostInThread } from '../../../electron/desktop/engine-host/in-thread';
import { eventually, repoRoot } from '../../helpers/serve';

/*
 * The desktop app's engine process (out/main/engine-host.js, built beforehand): the real host, the
 * real engine and its receiver thread answer contract calls over a port, as a window's would. It
 * runs in a worker thread with the parentPort shape Electron's utility process gives (in-thread.ts).
 */
let dataDir: string;
let host: HostInThread;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-host-'));
  host = await startHostInThread(join(repoRoot, 'out/main/engine-host.js'), { dataDir, tunnel: { enabled: false }, staticDir: join(repoRoot, 'out/renderer') });
}, 40_000);

afterAll(async () => {
  await host?.terminate();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the engine in its own process (desktop app)', () => {
  it('answers contract calls from a window over its port, errors in the contract shape', async () => {
    expect(await host.call('listEvents', {})).toMatchObject({ ok: true, result: { items: [] } });
    expect(await host.call('noSuchCall')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await host.call('listEvents', { limit: 'many' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('ignores what is not a call, and keeps answering', async () => {
    host.post('garbage');
    host.post({ id: -1, name: 42 });
    expect(await host.call('entityVersions')).toMatchObject({ ok: true });
  });

  it('sends engine events to the window: a webhook posted to its receiver arrives live', async () => {
    const status = (await host.call('status')).result as { receiver: { localUrl: string } };
    const body = JSON.stringify({ Id: 'host-1', Entity: 'Lead', Data: { Op: 'Create', New: { Key: 'k1', Name: 'From the host test' } }, Version: '1.0' });
    expect((await fetch(status.receiver.localUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
    const received = await eventually(() => host.events.find((e) => e.name === 'events.received' && JSON.stringify(e.payload).includes('host-1')));
    expect(received).toBeDefined();
  });

  it('stops cleanly when the main process asks: the process ends with exit code 0', async () => {
    expect(await host.stop()).toBe(0);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../shared/contract';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { dispatch } from '../../../electron/engine/rpc';
import { startTunnelServer } from '../../../electron/engine/tunnel/server';
import { eventually } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const webhook = JSON.stringify({
  Id: 'tunnel-e2e-1',
  Entity: 'Contact',
  Version: '1.0',
  Data: { Op: 'Update', Original: { Key: 'abc', FirstName: 'Ann' }, New: { Key: 'abc', FirstName: 'Anna' } },
});

async function engineWithTunnel(dataDir: string, host: string, lines: string[]): Promise<Engine> {
  const engine = await startEngine({
    dataDir,
    mode: 'browser',
    receiverPort: 0,
    receiverThread: 'inline',
    tunnel: { enabled: true, host },
    log: (line) => lines.push(line),
  });
  cleanups.push(() => engine.stop());
  return engine;
}

const onlineStatus = (engine: Engine, timeoutMs = 10_000) =>
  eventually(async () => {
    const status = await engine.handlers.tunnelStatus(undefined);
    return status.state === 'online' ? status : undefined;
  }, timeoutMs);

describe('tunnel service in the engine', () => {
  it('opens a tunnel to the receiver, stores a webhook POSTed to the target URL, and keeps its subdomain across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mwi-tunnel-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startTunnelServer();
    cleanups.push(() => server.stop());
    const lines: string[] = [];
    const changes: TunnelStatus[] = [];

    const engine = await engineWithTunnel(dataDir, server.url, lines);
    engine.bus.on('tunnel.changed', (status) => changes.push(status));
    const online = await onlineStatus(engine);
    expect(online.subdomain).toMatch(/^mwi-[a-z]+-[a-z]+-[0-9a-z]{14}$/);
    expect(online.publicUrl).toBe(`${server.url}/tunnels/${online.subdomain}`);
    expect(online.targetUrl).toBe(`${online.publicUrl}/hooks?secret=${encodeURIComponent(engine.context.receiver.secret)}`);
    expect(lines.some((l) => l.startsWith('tunnel: online at'))).toBe(true);
    expect(lines.join('\n')).not.toContain(engine.context.receiver.secret);
    expect((await engine.status()).tunnel).toMatchObject({ state: 'online', publicUrl: online.publicUrl });

    const res = await fetch(online.targetUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhook });
    expect(res.status).toBe(200);
    // Stored as sent: the raw request at once, its event once the indexer has parsed it.
    const page = await eventually(async () => {
      const found = await engine.handlers.listEvents({ limit: 10 });
      return found.items.length ? found : undefined;
    });
    expect(page.items.map((e) => e.webhookId)).toEqual(['tunnel-e2e-1']);
    const stored = await engine.handlers.getEvent({ id: page.items[0]!.id });
    expect(stored.requests.map((r) => Buffer.from(r.bodyBase64, 'base64').toString())).toEqual([webhook]);

    // The real receiver answers the self-probe without storing it.
    const { probeTunnel } = await import('../../../electron/engine/tunnel/probe');
    const { systemClock } = await import('../../../electron/engine/tunnel/clock');
    expect(await probeTunnel(online.publicUrl!, { timeoutMs: 5_000, clock: systemClock })).toEqual({ ok: true });
    expect(engine.context.store.counts()).toMatchObject({ events: 1, requests: 1, rejected: 0 });

    const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { tunnel: { subdomain: string } };
    expect(saved.tunnel.subdomain).toBe(online.subdomain);
    await engine.stop();
    cleanups.pop();

    const again = await engineWithTunnel(dataDir, server.url, []);
    expect((await onlineStatus(again)).publicUrl).toBe(online.publicUrl);
  });

  it('turns off, changes subdomain and reconnects through its calls, announcing each change', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mwi-tunnel-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startTunnelServer();
    cleanups.push(() => server.stop());
    const engine = await engineWithTunnel(dataDir, server.url, []);
    const changes: TunnelStatus[] = [];
    engine.bus.on('tunnel.changed', (status) => changes.push(status));
    await onlineStatus(engine);

    const off = await engine.handlers.setTunnel({ enabled: false });
    expect(off).toMatchObject({ state: 'disabled', enabled: false, reason: 'turned off in settings' });
    await eventually(() => server.clients().every((c) => c.connectedSockets === 0));

    await engine.handlers.setTunnel({ enabled: true, subdomain: 'mwi-chosen-name' });
    const renamed = await onlineStatus(engine);
    expect(renamed.publicUrl).toBe(`${server.url}/tunnels/mwi-chosen-name`);
    // The new public URL was announced, for the connection service to re-point Maximizer's target.
    expect(changes.some((c) => c.state === 'online' && c.publicUrl === renamed.publicUrl)).toBe(true);

    const refused = await dispatch(engine.handlers, 'setTunnel', { host: 'ftp://example.com' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const before = changes.length;
    engine.handlers.reconnectTunnel(undefined);
    await onlineStatus(engine);
    expect(changes.slice(before).map((c) => c.state)).toEqual(expect.arrayContaining(['connecting', 'online']));
  });

  it('opens no tunnel when the engine is started without one (as tests and benches do)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mwi-tunnel-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const engine = await startEngine({ dataDir, mode: 'browser', receiverPort: 0, receiverThread: 'inline', log: () => {} });
    cleanups.push(() => engine.stop());
    expect(await engine.handlers.tunnelStatus(undefined)).toMatchObject({ state: 'disabled', reason: 'not requested for this engine run' });
  });

  it('replaces a guessable subdomain saved by an older version with an unguessable one, and keeps a chosen one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mwi-tunnel-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ tunnel: { enabled: false, subdomain: 'mwi-brave-otter-4821' } }));
    const engine = await startEngine({ dataDir, mode: 'browser', receiverPort: 0, receiverThread: 'inline', log: () => {} });
    cleanups.push(() => engine.stop());
    const status = await engine.handlers.tunnelStatus(undefined);
    expect(status.subdomain).toMatch(/^mwi-[a-z]+-[a-z]+-[0-9a-z]{14}$/);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).tunnel.subdomain).toBe(status.subdomain);
    await engine.handlers.setTunnel({ subdomain: 'my-own-long-name-2024' });
    expect((await engine.handlers.tunnelStatus(undefined)).subdomain).toBe('my-own-long-name-2024');
  });
});

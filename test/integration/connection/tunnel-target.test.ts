import { afterAll, expect, it } from 'vitest';
import { MaximizerClient } from '../../../electron/engine/maximizer';
import { startSandbox, type Sandbox } from '../../../electron/engine/sandbox';
import { startTunnelServer } from '../../../electron/engine/tunnel/server';
import { eventually, startServe, type Served } from '../../helpers/serve';

/** The app's own target holds the URL without `?secret=`: the secret travels in its header. */
const hooksUrl = (url: string) => url.replace(/\?.*$/, '');

// Issue 6 from the CRM's side: a standalone sandbox stands in for Maximizer's cloud, and webhooks
// reach the app only through the tunnel's public URL.
const ADMIN = 'crm-admin-token-tunnel-91b2';

let crm: Sandbox | undefined;
let served: Served | undefined;
let tunnelServer: Awaited<ReturnType<typeof startTunnelServer>> | undefined;
afterAll(async () => {
  await served?.close();
  await tunnelServer?.stop();
  await crm?.stop();
});

it("moves the CRM's target to the new public URL, and webhooks keep arriving through the tunnel", async () => {
  crm = await startSandbox({ adminTokens: [ADMIN], port: 0, retryDelayMs: 100, log: () => {} });
  const admin = new MaximizerClient({ baseUrl: crm.baseUrl, token: ADMIN });
  tunnelServer = await startTunnelServer({ port: 0, log: () => {} });
  served = await startServe({ tunnelHost: tunnelServer.url });
  const online = await eventually(async () => {
    const t = await served!.call('tunnelStatus');
    return t.state === 'online' ? t : false;
  }, 20_000);

  const status = await served.call('connect', { baseUrl: crm.baseUrl, token: ADMIN, label: 'Cloud stand-in' });
  expect((await admin.listTargets())[0]!.Endpoint?.Url).toBe(hooksUrl(online.targetUrl!));
  await served.call('subscribe', { entity: 'Lead', op: 'create' });
  const first = crm.emit({ Entity: 'Lead', Op: 'create', New: { FirstName: 'Through', LastName: 'FirstTunnel' } });
  await eventually(async () => (await served!.call('listEvents', { text: 'FirstTunnel', limit: 5 })).items.length === 1, 15_000);
  expect(crm.deliveries().find((d) => d.eventId === first.Id)?.url).toBe(hooksUrl(online.targetUrl!));

  await served.call('setTunnel', { subdomain: 'crm-moved-2025' });
  const moved = await eventually(async () => {
    const t = await served!.call('tunnelStatus');
    return t.state === 'online' && t.targetUrl !== online.targetUrl ? t : false;
  }, 20_000);
  // The PUT reached the CRM: its only target now points at the new public URL, with the same id.
  await eventually(async () => (await admin.listTargets())[0]?.Endpoint?.Url === hooksUrl(moved.targetUrl!), 10_000);
  const targets = await admin.listTargets();
  expect(targets.map((t) => t.TargetId)).toEqual([status.targetId]);
  expect(served.output()).toMatch(/now points at .*crm-moved-2025/);

  crm.emit({ Entity: 'Lead', Op: 'create', New: { FirstName: 'Through', LastName: 'SecondTunnel' } });
  await eventually(async () => (await served!.call('listEvents', { text: 'SecondTunnel', limit: 5 })).items.length === 1, 15_000);

  // Tunnel turned off: only the local URL can work now (here the CRM is on this computer too).
  await served.call('setTunnel', { enabled: false });
  await eventually(async () => (await admin.listTargets())[0]?.Endpoint?.Url === hooksUrl(served!.receiverUrl), 10_000);
  crm.emit({ Entity: 'Lead', Op: 'create', New: { FirstName: 'Direct', LastName: 'NoTunnel' } });
  await eventually(async () => (await served!.call('listEvents', { text: 'NoTunnel', limit: 5 })).items.length === 1, 15_000);
}, 90_000);

import { afterAll, expect, it } from 'vitest';
import { startTunnelServer } from '../../../electron/engine/tunnel/server';
import { eventually, startServe, type Served } from '../../helpers/serve';

/** The app's own target holds the URL without `?secret=`: the secret travels in its header. */
const hooksUrl = (url: string) => url.replace(/\?.*$/, '');

let served: Served | undefined;
let tunnelServer: Awaited<ReturnType<typeof startTunnelServer>> | undefined;
afterAll(async () => {
  await served?.close();
  await tunnelServer?.stop();
});

it("keeps the app's Maximizer target pointed at the tunnel's current public URL", async () => {
  tunnelServer = await startTunnelServer({ port: 0 });
  served = await startServe({ tunnelHost: tunnelServer.url });
  const online = await eventually(async () => {
    const t = await served!.call('tunnelStatus');
    return t.state === 'online' ? t : false;
  }, 20_000);
  // The default connection (the built-in sandbox) holds the public URL, not the local one.
  await eventually(async () => (await served!.call('connectionStatus')).targetUrl === hooksUrl(online.targetUrl!));

  // A new subdomain means a new public URL: the target follows without anyone asking.
  await served.call('setTunnel', { subdomain: 'moved-here-2024' });
  const moved = await eventually(async () => {
    const t = await served!.call('tunnelStatus');
    return t.state === 'online' && t.targetUrl !== online.targetUrl ? t : false;
  }, 20_000);
  expect(moved.publicUrl).toContain('moved-here-2024');
  await eventually(async () => {
    const { items } = await served!.call('listTargets');
    return items.find((t) => t.own)?.url === hooksUrl(moved.targetUrl!);
  }, 10_000);
  expect(served.output()).toMatch(/now points at/);
}, 60_000);

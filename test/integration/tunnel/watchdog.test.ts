import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTunnelServer, type TunnelServer } from '../../../electron/engine/tunnel/server';
import { TunnelWatchdog, type WatchdogOptions } from '../../../electron/engine/tunnel/watchdog';
import { close, eventually, listen, startFrontDoor, startReceiver, waitForState, type Receiver } from './helpers';

// Short waits so failures and recoveries happen within a test; the logic is the production one.
const FAST: Partial<WatchdogOptions> = {
  openTimeoutMs: 2_000,
  backoff: { initialMs: 50, maxMs: 400 },
  probe: false,
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(options: Partial<WatchdogOptions> = {}, server?: TunnelServer) {
  const receiver = await startReceiver();
  cleanups.push(() => receiver.close());
  const tunnelServer = server ?? (await startTunnelServer({ graceMs: 500 }));
  if (!server) cleanups.push(() => tunnelServer.stop());
  const watchdog = new TunnelWatchdog({ host: tunnelServer.url, subdomain: 'mwi-brave-otter-4821', localPort: receiver.port, ...FAST, ...options });
  cleanups.push(() => watchdog.stop());
  return { receiver, tunnelServer, watchdog };
}

const post = (url: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream', ...headers } });

const lastBody = (receiver: Receiver) => receiver.received.at(-1)?.body;

describe('tunnel watchdog against our localtunnel server', () => {
  it('goes online with the requested subdomain and carries a POST to the receiver byte for byte', async () => {
    const { receiver, watchdog } = await setup();
    watchdog.start();
    const online = await waitForState(watchdog, 'online');
    expect(online.publicUrl).toContain('mwi-brave-otter-4821');

    // Bytes that are not UTF-8 and a body larger than one TCP read: a Host-rewriting client mangles both.
    for (const body of [Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7b]), randomBytes(300_000), Buffer.from('{"Müller":"Zoë"}'.repeat(5000))]) {
      const res = await post(`${online.publicUrl}/hooks?secret=s3cret&x=1`, body, { 'X-Maximizer-Case': 'Kept' });
      expect(res.status).toBe(200);
      const got = receiver.received.at(-1)!;
      expect(got.method).toBe('POST');
      expect(got.url).toBe('/hooks?secret=s3cret&x=1');
      expect(got.rawHeaders).toContain('X-Maximizer-Case');
      expect(got.body.equals(body)).toBe(true);
    }
  });

  it('reconnects after the server is killed, and is online again with the same URL once it is back', async () => {
    const { receiver, tunnelServer, watchdog } = await setup();
    watchdog.start();
    const first = await waitForState(watchdog, 'online');

    const reconnecting = waitForState(watchdog, 'reconnecting');
    await tunnelServer.stop();
    expect((await reconnecting).lastError).toMatch(/tunnel server/i);

    const restarted = await startTunnelServer({ port: tunnelServer.port, graceMs: 500 });
    cleanups.push(() => restarted.stop());
    const again = await waitForState(watchdog, 'online', 15_000);
    expect(again.publicUrl).toBe(first.publicUrl);

    const res = await post(`${again.publicUrl}/hooks`, 'after the restart');
    expect(res.status).toBe(200);
    expect(lastBody(receiver)?.toString()).toBe('after the restart');
  });

  it('treats a different granted id as a failure and never connects to it', async () => {
    let tunnelConnections = 0;
    const tunnelPort: TcpServer = createTcpServer((socket) => {
      tunnelConnections++;
      socket.destroy();
    });
    await new Promise<void>((r) => tunnelPort.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => tunnelPort.close(r)));
    const port = (tunnelPort.address() as { port: number }).port;
    // What the stock server does when the requested subdomain is taken: answer with a random one.
    const registrations: string[] = [];
    const stock = createHttpServer((req, res) => {
      registrations.push(req.url!);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'tidy-seal-77', port, max_conn_count: 10, url: 'http://tidy-seal-77.example' }));
    });
    const stockPort = await listen(stock);
    cleanups.push(() => close(stock));

    const { watchdog } = await setup({ host: `http://127.0.0.1:${stockPort}` });
    watchdog.start();
    const failed = await waitForState(watchdog, 'reconnecting');
    expect(failed.lastError).toContain('tidy-seal-77');
    expect(failed.lastError).toContain('mwi-brave-otter-4821');
    // It keeps asking for its own subdomain.
    await eventually(() => registrations.length >= 2);
    expect(new Set(registrations)).toEqual(new Set(['/mwi-brave-otter-4821']));
    expect(tunnelConnections).toBe(0);
    expect(watchdog.state.state).not.toBe('online');
  });

  it('reports a subdomain held by another live client, then gets it once that client leaves', async () => {
    const { tunnelServer, watchdog, receiver } = await setup();
    const holder = new TunnelWatchdog({ host: tunnelServer.url, subdomain: 'mwi-brave-otter-4821', localPort: receiver.port, ...FAST });
    cleanups.push(() => holder.stop());
    holder.start();
    await waitForState(holder, 'online');

    watchdog.start();
    const refused = await waitForState(watchdog, 'reconnecting');
    expect(refused.lastError).toMatch(/409.*in use/);

    holder.stop();
    await waitForState(watchdog, 'online');
  });

  it('times out opening against a server that never answers', async () => {
    // Accepts the connection and says nothing: the stock client's promise would never settle.
    let connections = 0;
    const open = new Set<import('node:net').Socket>();
    const silent = createTcpServer((socket) => {
      connections++;
      open.add(socket);
      socket.resume();
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => (open.forEach((s) => s.destroy()), silent.close(r))));
    const port = (silent.address() as { port: number }).port;

    const { watchdog } = await setup({ host: `http://127.0.0.1:${port}`, openTimeoutMs: 200 });
    watchdog.start();
    const failed = await waitForState(watchdog, 'reconnecting');
    expect(failed.lastError).toMatch(/timed out/);
    expect(failed.attempt).toBe(1);
    // Each abandoned attempt is torn down (its request aborted), not left waiting beside the next one.
    await eventually(() => connections >= 3);
    expect(open.size).toBeLessThanOrEqual(1);
  });

  it('goes offline, without retrying, when the server rejects the subdomain itself', async () => {
    const { watchdog } = await setup({ subdomain: 'UPPER_case' });
    watchdog.start();
    const offline = await waitForState(watchdog, 'offline');
    expect(offline.reason).toMatch(/403.*Invalid subdomain/);
  });

  it('detects with its self-probe a tunnel the server forgot while the connections stayed open', async () => {
    let serverPort = 0;
    const front = await startFrontDoor(() => serverPort);
    cleanups.push(() => front.close());
    const tunnelServer = await startTunnelServer({ graceMs: 500, publicUrl: `http://127.0.0.1:${front.port}/tunnels/{id}` });
    serverPort = tunnelServer.port;
    cleanups.push(() => tunnelServer.stop());
    const { watchdog, receiver } = await setup({ probe: { initialDelayMs: 10, intervalMs: 100, timeoutMs: 1_000, failuresBeforeReconnect: 2 } }, tunnelServer);
    watchdog.start();
    await waitForState(watchdog, 'online');
    await eventually(() => receiver.probes >= 2);
    expect(receiver.received).toHaveLength(0); // probes are answered, never recorded

    const reconnecting = waitForState(watchdog, 'reconnecting');
    front.kill();
    expect((await reconnecting).lastError).toMatch(/self-probe.*503/);
  });
});

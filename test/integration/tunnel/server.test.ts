import { request } from 'node:http';
import { connect } from 'node:net';
import localtunnel from '@n8n/localtunnel';
import { afterEach, describe, expect, it } from 'vitest';
import { startTunnelServer, type TunnelServer } from '../../../electron/engine/tunnel/server';
import { eventually, startReceiver } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function server(options: Parameters<typeof startTunnelServer>[0] = {}): Promise<TunnelServer> {
  const started = await startTunnelServer(options);
  cleanups.push(() => started.stop());
  return started;
}

const registerAs = async (base: string, id: string) => {
  const res = await fetch(`${base}/${id}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** Plays the client: opens pooled connections that relay to `localPort`. */
function pool(port: number, localPort: number, count = 2) {
  const sockets = Array.from({ length: count }, () => {
    const remote = connect({ host: '127.0.0.1', port });
    remote.once('data', (first) => {
      remote.pause();
      const local = connect({ host: '127.0.0.1', port: localPort }, () => {
        local.write(first);
        remote.pipe(local).pipe(remote);
        remote.resume();
      });
    });
    return remote;
  });
  cleanups.push(() => sockets.forEach((s) => s.destroy()));
  return sockets;
}

/** A request with a Host header of our choosing (fetch cannot set Host). */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('our localtunnel-protocol server', () => {
  it('registers /?new and /<id> with the fields the stock client reads, on loopback only', async () => {
    const s = await server();
    const random = await fetch(`${s.url}/?new`).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(random).toMatchObject({ id: expect.stringMatching(/^[a-z]+-[a-z]+-\d{4}$/), port: expect.any(Number), max_conn_count: 10 });
    const named = await registerAs(s.url, 'mwi-quick-wren-1234');
    expect(named.status).toBe(200);
    expect(named.body).toEqual({
      id: 'mwi-quick-wren-1234',
      port: expect.any(Number),
      max_conn_count: 10,
      url: `${s.url}/tunnels/mwi-quick-wren-1234`,
      ip: '127.0.0.1',
    });
    expect(
      s
        .clients()
        .map((c) => c.id)
        .sort(),
    ).toEqual([random.id, 'mwi-quick-wren-1234'].sort());
  });

  it('refuses an invalid subdomain with 403, like the public server', async () => {
    const s = await server();
    const res = await registerAs(s.url, 'No_Such');
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/Invalid subdomain/);
  });

  it('answers 409 for a subdomain a connected client holds, and hands it over once that client is gone', async () => {
    const s = await server();
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const first = await registerAs(s.url, 'mwi-held-name');
    const sockets = pool(first.body.port as number, receiver.port);
    await eventually(() => s.clients()[0]?.connectedSockets === 2);

    const second = await registerAs(s.url, 'mwi-held-name');
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/in use/);

    sockets.forEach((socket) => socket.destroy());
    await eventually(() => s.clients()[0]?.connectedSockets === 0);
    const third = await registerAs(s.url, 'mwi-held-name');
    expect(third.status).toBe(200);
    expect(third.body.port).not.toBe(first.body.port);
  });

  it('routes by Host subdomain, by X-Tunnel-Id and by /tunnels/<id>/ path, and strips only the prefix', async () => {
    const s = await server({ domain: 'tunnel.test' });
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const reg = await registerAs(s.url, 'mwi-route-test');
    expect(reg.body.url).toBe(`http://mwi-route-test.tunnel.test:${s.port}`);
    pool(reg.body.port as number, receiver.port);
    await eventually(() => s.clients()[0]?.connectedSockets === 2);

    expect((await get(s.port, '/a?b=1', { host: `mwi-route-test.tunnel.test:${s.port}` })).status).toBe(200);
    expect((await get(s.port, '/c', { host: 'mwi-route-test.localhost' })).status).toBe(200);
    expect((await get(s.port, '/d', { 'x-tunnel-id': 'mwi-route-test' })).status).toBe(200);
    expect((await fetch(`${s.url}/tunnels/mwi-route-test/hooks/e?secret=x`)).status).toBe(200);
    expect((await fetch(`${s.url}/tunnels/mwi-route-test?only=query`)).status).toBe(200);
    expect(receiver.received.map((r) => r.url)).toEqual(['/a?b=1', '/c', '/d', '/hooks/e?secret=x', '/?only=query']);
    // Our routing header is not passed on.
    expect(receiver.received[2]!.headers['x-tunnel-id']).toBeUndefined();
  });

  it('answers 404 for a tunnel nobody registered', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/tunnels/mwi-nobody-here/hooks`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('queues a request while no pooled connection is free, serves it when one comes, else answers 504', async () => {
    const s = await server({ queueTimeoutMs: 300, graceMs: 5_000 });
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const reg = await registerAs(s.url, 'mwi-queue-test');

    const timedOut = await fetch(`${s.url}/tunnels/mwi-queue-test/hooks`, { method: 'POST', body: 'nobody home' });
    expect(timedOut.status).toBe(504);
    expect(await timedOut.text()).toMatch(/No tunnel connection became free/);

    const waiting = fetch(`${s.url}/tunnels/mwi-queue-test/hooks`, { method: 'POST', body: 'served late' });
    await new Promise((r) => setTimeout(r, 50));
    pool(reg.body.port as number, receiver.port, 1);
    expect((await waiting).status).toBe(200);
    expect(receiver.received.at(-1)!.body.toString()).toBe('served late');
  });

  it('removes a client whose connections are all gone, after the grace period', async () => {
    const s = await server({ graceMs: 100 });
    const reg = await registerAs(s.url, 'mwi-leaving');
    const [socket] = pool(reg.body.port as number, 1, 1);
    await eventually(() => s.clients()[0]?.connectedSockets === 1);
    socket!.destroy();
    await eventually(() => s.clients().length === 0);
    expect((await fetch(`${s.url}/tunnels/mwi-leaving/`)).status).toBe(404);
  });

  it('serves the stock localtunnel client (@n8n/localtunnel) unchanged', async () => {
    const s = await server();
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const tunnel = await localtunnel({ port: receiver.port, host: s.url, subdomain: 'mwi-stock-client', local_host: '127.0.0.1' });
    tunnel.on('error', () => {});
    cleanups.push(() => tunnel.close());
    expect(tunnel.url).toBe(`${s.url}/tunnels/mwi-stock-client`);
    await eventually(() => (s.clients()[0]?.connectedSockets ?? 0) > 0);
    const res = await fetch(`${tunnel.url}/hooks?secret=x`, { method: 'POST', body: '{"Entity":"Contact"}' });
    expect(res.status).toBe(200);
    expect(receiver.received.at(-1)!.body.toString()).toBe('{"Entity":"Contact"}');
  });
});

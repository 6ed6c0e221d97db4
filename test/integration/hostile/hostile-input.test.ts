import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { startSandbox, type Sandbox } from '../../../electron/engine/sandbox';
import { startTunnelServer, type TunnelServer } from '../../../electron/engine/tunnel/server';
import { createUiServer } from '../../../electron/server/http';
import { eventually } from '../../helpers/serve';
import { rawExchange } from '../../helpers/raw-http';

/**
 * Hostile input, as an attacker would send it: raw bytes on a socket, against every server a
 * peer can reach. After every case the server still answers, a valid webhook is acknowledged,
 * nothing polluted Object.prototype, and (at the end) every acknowledged webhook is stored.
 * Everything runs in this process (receiver inline), so pollution would show here.
 */

const TOKEN = 'hostile-suite-api-token';
const SANDBOX_TOKEN = 'hostile-suite-sandbox-admin';
const RUNS = 100;

let dataDir: string;
let engine: Engine;
let ui: Server;
let uiPort: number;
let sandbox: Sandbox;
let tunnel: TunnelServer;
let receiverPort: number;
let secret: string;
let publicPath: string;
const acked: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-hostile-'));
  tunnel = await startTunnelServer({ port: 0 });
  engine = await startEngine({
    dataDir,
    mode: 'browser',
    receiverPort: 0,
    receiverThread: 'inline',
    maxBodyBytes: 256 * 1024,
    tunnel: { enabled: true, host: tunnel.url },
    log: () => {},
  });
  ui = createUiServer({ engine, port: 0, token: TOKEN, staticDir: join(import.meta.dirname, '../../../out/renderer') });
  await new Promise<void>((ok) => ui.listen(0, '127.0.0.1', () => ok()));
  uiPort = (ui.address() as { port: number }).port;
  sandbox = await startSandbox({ adminTokens: [SANDBOX_TOKEN], port: 0, log: () => {} });
  const status = await engine.status();
  receiverPort = status.receiver.port;
  secret = status.receiver.secret;
  const online = await eventually(async () => {
    const t = await engine.handlers.tunnelStatus(undefined);
    return t.state === 'online' ? t : undefined;
  }, 20_000);
  publicPath = new URL(online.publicUrl!).pathname;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((ok) => (ui?.close(() => ok()), ui?.closeAllConnections()));
  await sandbox?.stop();
  await engine?.stop();
  await tunnel?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// ── what a hostile request is made of ──────────────────────────────────────────

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const bomb = (zip: (b: Buffer) => Buffer) => zip(Buffer.alloc(4 * 1024 * 1024, 'a'));

const bodies = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 100, max: 100_000 }).map((d) => Buffer.from(nested(d))),
  fc
    .constantFrom(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
      '[{"Id":"x","Entity":"Lead","Data":{"Op":"update","__proto__":{"polluted":1},"New":{"constructor":{"prototype":{"polluted":1}}}}}]',
      '{"text":"\\u0000\\u0001 NUL","hasField":"\\u0000","recordKey":"\\u0000","limit":5}',
      '{"Name":"\\u0000","Endpoint":{"Url":"http://127.0.0.1:9/\\u0000","Headers":[{"Key":"\\u0000","Value":null}]}}',
      `[${'0,'.repeat(60_000)}0]`,
      `{"limit":1e309,"before":"${'%'.repeat(100)}"}`,
    )
    .map((s) => Buffer.from(s)),
  fc.constantFrom(gzipSync('{"ok":true}').subarray(0, 10), bomb(gzipSync), bomb(deflateSync)),
);

const headerName = fc.oneof(
  fc.constantFrom(
    'Content-Type',
    'Content-Encoding',
    'Transfer-Encoding',
    'Content-Length',
    'Host',
    'Authorization',
    'X-Inspector-Secret',
    'X-Tunnel-Id',
    'Expect',
    'Connection',
    'Upgrade',
  ),
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 10 }),
);
const headerValue = fc.oneof(
  fc.constantFrom(
    'application/json',
    'gzip',
    'deflate',
    'gzip, gzip',
    'br, deflate, gzip',
    'x-unknown',
    'chunked',
    'chunked, gzip',
    '-1',
    '99999999999999999999',
    '0',
    '5, 6',
    '100-continue',
    'close',
    'websocket',
    '127.0.0.1',
    'evil.example',
    `Bearer ${TOKEN}`,
    `Bearer ${SANDBOX_TOKEN}`,
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 });
const flood = fc.constantFrom(0, 0, 0, 300, 3_000).map((n) => Array.from({ length: n }, (_, i) => [`X-Flood-${i}`, 'x'.repeat(8)] as [string, string]));
const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'PRI', 'get', ''),
  fc.string({ maxLength: 8 }),
);
const framing = fc.constantFrom('length', 'length', 'chunked', 'broken-chunked', 'conflict', 'none');

function targets(paths: string[]) {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        ...paths,
        '/',
        '*',
        '//[x/',
        '/%',
        '/%E0%A4%A',
        '/%00',
        '/..%2f..%2fetc%2fpasswd',
        'http://evil.example/hooks',
        'https://[::1]:99999/x',
        '/hooks?secret=%',
        `/hooks?secret=${'a'.repeat(5000)}`,
        '/' + 'a/'.repeat(3000),
      ),
    },
    fc.webPath().map((p) => p || '/'),
    fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => `/${s}`),
  );
}

function raw(m: string, target: string, hs: [string, string][], body: Buffer, frame: string): Buffer {
  const head = [`${m} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...hs.map(([k, v]) => `${k}: ${v}`)];
  let payload = body;
  if (frame === 'length') head.push(`Content-Length: ${body.length}`);
  else if (frame === 'conflict') head.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 7}`, 'Transfer-Encoding: chunked');
  else if (frame === 'chunked' || frame === 'broken-chunked') {
    head.push('Transfer-Encoding: chunked');
    const size = frame === 'chunked' ? body.length.toString(16) : 'zz';
    payload = Buffer.concat([Buffer.from(`${size}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
  }
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

const request = (paths: string[]) =>
  fc.record({ m: method, target: targets(paths), hs: headers, extra: flood, body: bodies, frame: framing }).map(({ m, target, hs, extra, body, frame }) => ({
    bytes: raw(m, target, [...hs, ...extra], body, frame),
    describe: `${m} ${target.slice(0, 80)} [${hs.map(([k]) => k).join(',')}] +${extra.length} headers, ${body.length} B ${frame}`,
  }));

// ── what must hold after every case ───────────────────────────────────────────

let sent = 0;
/** A real webhook, straight to the receiver or through the tunnel: acknowledged, so it must end up stored. */
async function validWebhookIsAcked(viaTunnel: boolean): Promise<void> {
  const id = `hostile-ok-${++sent}`;
  const body = JSON.stringify([{ Id: id, Entity: 'Lead', Data: { Op: 'update', Original: { Key: 'TGVhZAkxCTA=' }, New: { City: id }, Version: '0.8' } }]);
  const url = viaTunnel ? `${tunnel.url}${publicPath}/hooks` : `http://127.0.0.1:${receiverPort}/hooks`;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-inspector-secret': secret }, body });
  expect(res.status, `valid webhook ${id} via ${viaTunnel ? 'tunnel' : 'receiver'}`).toBe(200);
  acked.push(id);
}

function unpolluted(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).includes('polluted')).toBe(false);
}

async function survive(port: number, bytes: Buffer, describe: string, allow5xx: number[] = []): Promise<void> {
  const answer = await rawExchange(port, bytes);
  // Every request is complete (or broken beyond repair) and half-closed: an answer or a close is due at once.
  expect(answer.timedOut, `${describe}: no answer and no close`).toBe(false);
  // A 500 is the top-level guard catching a bug: the request must have been refused cleanly instead.
  if (answer.status !== null && answer.status >= 500) expect(allow5xx, `${describe} → ${answer.text.slice(0, 300)}`).toContain(answer.status);
  unpolluted();
}

const properties = { numRuns: RUNS, endOnFailure: true };

describe('hostile input: every server survives every request', () => {
  it('receiver', async () => {
    await fc.assert(
      fc.asyncProperty(
        request(['/hooks', `/hooks?secret=${secret}`, '/hooks/x']).map((r) => r),
        fc.boolean(),
        async ({ bytes, describe }, withSecret) => {
          const withAuth = withSecret
            ? Buffer.from(bytes.toString('latin1').replace('Host: 127.0.0.1', `Host: 127.0.0.1\r\nX-Inspector-Secret: ${secret}`), 'latin1')
            : bytes;
          await survive(receiverPort, withAuth, describe);
          await validWebhookIsAcked(false);
        },
      ),
      properties,
    );
  }, 60_000);

  it('browser-mode server', async () => {
    const rpc = ['status', 'listEvents', 'getEvent', 'listRejections', 'recordEvents', 'entityVersions', 'tunnelStatus', 'connectionStatus', 'nope'];
    await fc.assert(
      fc.asyncProperty(
        request([...rpc.map((n) => `/api/rpc/${n}`), '/api/events', '/api/contract', '/index.html', '/assets/../../x']),
        async ({ bytes, describe }) => {
          const withAuth = Buffer.from(bytes.toString('latin1').replace('Host: 127.0.0.1', `Host: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}`), 'latin1');
          await survive(uiPort, withAuth, describe);
          await validWebhookIsAcked(false);
          const status = await fetch(`http://127.0.0.1:${uiPort}/api/rpc/status`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
          expect(status.status).toBe(200);
        },
      ),
      properties,
    );
  }, 60_000);

  it('sandbox API', async () => {
    const paths = [
      '/webhooks/v1/targets',
      '/webhooks/v1/subscriptions',
      '/webhooks/v1/targets/%zz',
      '/webhooks/v1/subscriptions/x/recipients/y',
      '/sandbox',
      '/sandbox/events',
      '/sandbox/replay',
    ];
    await fc.assert(
      fc.asyncProperty(request(paths), async ({ bytes, describe }) => {
        const withAuth = Buffer.from(
          bytes.toString('latin1').replace('Host: 127.0.0.1', `Host: 127.0.0.1\r\nAuthorization: Bearer ${SANDBOX_TOKEN}`),
          'latin1',
        );
        await survive(sandbox.port, withAuth, describe);
        const res = await fetch(`${sandbox.baseUrl}/v1/targets`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } });
        expect(res.status).toBe(200);
        await validWebhookIsAcked(false);
      }),
      properties,
    );
  }, 60_000);

  it('tunnel server (and the tunnel client relaying to the receiver)', async () => {
    const paths = [
      `${publicPath}/hooks`,
      `${publicPath}/hooks?secret=${secret}`,
      publicPath,
      '/?new',
      '/api/status',
      '/api/tunnels/x/status',
      '/tunnels/',
      '/tunnels/%/hooks',
    ];
    await fc.assert(
      fc.asyncProperty(request(paths), async ({ bytes, describe }) => {
        // 502/504 are the tunnel's own honest answers when the far side refused or never answered.
        await survive(tunnel.port, bytes, describe, [502, 504]);
        await validWebhookIsAcked(true);
      }),
      properties,
    );
  }, 60_000);

  it('stored every webhook it acknowledged', async () => {
    const stored = await eventually(async () => {
      const ids = new Set<string>();
      let before: string | undefined;
      for (;;) {
        const page = await engine.handlers.listEvents({ limit: 1000, before });
        page.items.forEach((e) => e.webhookId && ids.add(e.webhookId));
        if (!page.nextCursor) break;
        before = page.nextCursor;
      }
      return acked.every((id) => ids.has(id)) ? ids : false;
    }, 20_000);
    expect(acked.length).toBeGreaterThan(RUNS * 3);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  }, 30_000);

  it('survives requesters that hang up before the answer (tunnel, static files)', async () => {
    const hangUp = (port: number, text: string) =>
      new Promise<void>((done) => {
        const socket = connect({ host: '127.0.0.1', port }, () => {
          socket.write(text);
          setTimeout(() => (socket.destroy(), done()), 1);
        });
        socket.on('error', () => done());
      });
    const webhook = `POST ${publicPath}/hooks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Inspector-Secret: ${secret}\r\nContent-Length: 2\r\n\r\n{}`;
    for (let i = 0; i < 30; i++) {
      await Promise.all([hangUp(tunnel.port, webhook), hangUp(uiPort, 'GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')]);
    }
    await new Promise((r) => setTimeout(r, 200));
    await validWebhookIsAcked(true);
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);
  });

  it('answers the attacks named in issue 10 with a 4xx', async () => {
    const get = (port: number, target: string) => rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect((await get(receiverPort, '//[x/')).status).toBe(400);
    expect((await get(uiPort, '/%')).status).toBe(400);
    expect((await get(uiPort, '/%E0%A4%A')).status).toBe(400);
    const search = await fetch(`http://127.0.0.1:${uiPort}/api/rpc/listEvents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'a\u0000b' }),
    });
    expect(search.status).toBe(200);
    const post = (body: Buffer, encoding: string) =>
      fetch(`http://127.0.0.1:${receiverPort}/hooks`, { method: 'POST', headers: { 'x-inspector-secret': secret, 'content-encoding': encoding }, body });
    expect((await post(bomb(deflateSync), 'deflate')).status).toBe(413);
    // A body nested 100,000 deep is stored as received (it is not a Maximizer envelope) and does not
    // stall the indexer: the webhook after it is parsed and listed.
    expect((await post(Buffer.from(nested(100_000)), 'identity')).status).toBe(200);
    await validWebhookIsAcked(false);
    const last = acked.at(-1)!;
    await eventually(async () => (await engine.handlers.listEvents({ text: last, limit: 5 })).items.length === 1, 10_000);
    expect((await post(Buffer.from('{}'), 'x-unknown')).status).toBe(415);
    expect((await post(gzipSync(gzipSync('[{"Id":"stacked-1","Entity":"Lead","Data":{"Op":"create"}}]')), 'gzip, gzip')).status).toBe(200);
    const deep = await fetch(`http://127.0.0.1:${uiPort}/api/rpc/listEvents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: nested(10_000),
    });
    expect(deep.status).toBe(400);
    const headerFlood = await rawExchange(receiverPort, `POST /hooks HTTP/1.1\r\nHost: x\r\n${'X-A: b\r\n'.repeat(5000)}\r\n`);
    expect(headerFlood.status).toBe(431);
    expect(headerFlood.text.toLowerCase()).toContain('connection: close');
    const conflict = await rawExchange(receiverPort, `POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`);
    expect(conflict.status).toBe(400);
    const wrong = await rawExchange(receiverPort, `POST /hooks HTTP/1.1\r\nHost: x\r\nX-Inspector-Secret: nope\r\nContent-Length: 2\r\n\r\n{}`);
    // 429 once the suite's earlier secret-less requests used up this sender's wrong-secret budget.
    expect([401, 429]).toContain(wrong.status);
    expect(wrong.text.toLowerCase()).toContain('connection: close');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Rejection } from '../../../shared/contract';
import { createReceiverServer } from '../../../electron/engine/receiver/server';
import { WalSync } from '../../../electron/engine/receiver/wal-sync';
import { openStore, type Store } from '../../../electron/engine/store';

// The receiver as its worker runs it (synchronous=NORMAL, WAL flushed by WalSync), in-process.
const dir = mkdtempSync(join(tmpdir(), 'mwi-receiver-'));
const secret = 'receiver-unit-secret-0123';
let store: Store;
let walSync: WalSync;
let base: string;
let port: number;
const rejections: Rejection[] = [];
let close: () => Promise<void>;

beforeAll(async () => {
  store = openStore(join(dir, 'inspector.db'), { synchronous: 'NORMAL', autoCheckpoint: false });
  walSync = new WalSync(join(dir, 'inspector.db-wal'));
  const { server } = createReceiverServer({ store, walSync, secret, bodyTimeoutMs: 300, onRejected: (r) => rejections.push(...r) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
});
afterAll(async () => {
  await close();
  walSync.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (id: number) => store.requests.get(id)!;

/** Sends raw bytes on one connection and returns what came back once the server closes it or `until` matches. */
function raw(bytes: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString();
      if (until.test(text)) (socket.destroy(), resolve(text));
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

it('answers each of many concurrent webhooks with the id of the row holding exactly its body', async () => {
  const bodies = Array.from({ length: 200 }, (_, i) => JSON.stringify([{ Id: `w-${i}`, Entity: 'Lead', pad: 'x'.repeat(i * 7) }]));
  const answers = await Promise.all(
    bodies.map(async (body) => {
      const res = await fetch(`${base}/hooks?secret=${secret}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, json: (await res.json()) as { received: boolean; request: number } };
    }),
  );
  expect(answers.every((a) => a.status === 200 && a.json.received)).toBe(true);
  expect(new Set(answers.map((a) => a.json.request)).size).toBe(bodies.length);
  answers.forEach((a, i) => expect(row(a.json.request).body.toString()).toBe(bodies[i]));
});

it('stores header pairs in arrival order with names as sent, duplicates kept, and the query as sent', async () => {
  const text = await raw(
    `POST /hooks/lead?x=1&secret=${secret} HTTP/1.1\r\nHost: a\r\nX-Dup: one\r\nx-dup: "two"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    /\r\n\r\n\{.*\}/,
  );
  const id = (JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { request: number }).request;
  const stored = row(id);
  expect(stored.headers).toEqual([
    ['Host', 'a'],
    ['X-Dup', 'one'],
    ['x-dup', '"two"'],
    ['Content-Length', '2'],
    ['Connection', 'close'],
  ]);
  expect(stored.path).toBe('/hooks/lead');
  expect(stored.query).toBe(`?x=1&secret=${secret}`);
});

it('takes the secret from the header too, and refuses a wrong one with 401', async () => {
  const ok = await fetch(`${base}/hooks`, { method: 'POST', headers: { 'x-inspector-secret': secret }, body: '[]' });
  expect(ok.status).toBe(200);
  const wrong = await fetch(`${base}/hooks`, { method: 'POST', headers: { 'X-Inspector-Secret': `${secret}x` }, body: '[]' });
  expect(wrong.status).toBe(401);
});

it('answers a request target URL cannot parse with 400 and keeps serving', async () => {
  const text = await raw('GET //[x/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', /\r\n\r\n\{.*\}/);
  expect(text).toMatch(/^HTTP\/1\.1 400/);
  const res = await fetch(`${base}/hooks?secret=${secret}`, { method: 'POST', body: '[]' });
  expect(res.status).toBe(200);
});

it('answers a stalled body with 408 after the body timeout, and records the rejection', async () => {
  const started = Date.now();
  const text = await raw(`POST /hooks?secret=${secret} HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{"partial":`, /\r\n\r\n\{.*\}/);
  expect(text).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  await expect.poll(() => rejections.some((r) => r.status === 408)).toBe(true);
});

it('closes a refused connection whose sender keeps sending past the bound', async () => {
  // Declares 64 MiB and sends it slowly: the answer arrives first, the connection closes after the bound.
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`POST /hooks HTTP/1.1\r\nHost: x\r\nX-Inspector-Secret: ${secret}\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`);
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString()));
  socket.on('error', () => {});
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const started = performance.now();
  const timer = setInterval(() => socket.writable && socket.write(chunk), 5);
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  clearInterval(timer);
  expect(text).toMatch(/^HTTP\/1\.1 413 /);
  expect(performance.now() - started).toBeLessThan(6_000);
}, 20_000);

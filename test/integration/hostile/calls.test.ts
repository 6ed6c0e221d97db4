import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { createUiServer } from '../../../electron/server/http';

/**
 * Contract calls with hostile arguments, over browser mode's HTTP API as any local page or
 * script could send them: each gets a clear 400, and the process and its receiver keep working
 * (issue 25). The receiver runs inline: a throw on its thread would fail this test run.
 */

const TOKEN = 'calls-suite-token';
let dataDir: string;
let engine: Engine;
let ui: Server;
let uiPort: number;
let receiverPort: number;
let secret: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-calls-'));
  engine = await startEngine({ dataDir, mode: 'browser', receiverPort: 0, receiverThread: 'inline', tunnel: { enabled: false }, log: () => {} });
  ui = createUiServer({ engine, port: 0, token: TOKEN, staticDir: join(import.meta.dirname, '../../../out/renderer') });
  await new Promise<void>((ok) => ui.listen(0, '127.0.0.1', () => ok()));
  uiPort = (ui.address() as { port: number }).port;
  const status = await engine.status();
  receiverPort = status.receiver.port;
  secret = status.receiver.secret;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((ok) => (ui?.close(() => ok()), ui?.closeAllConnections()));
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const rpc = async (name: string, input: unknown) => {
  const res = await fetch(`http://127.0.0.1:${uiPort}/api/rpc/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
};

let sent = 0;
const webhook = async () => {
  const res = await fetch(`http://127.0.0.1:${receiverPort}/hooks`, {
    method: 'POST',
    headers: { 'x-inspector-secret': secret, 'content-type': 'application/json' },
    body: JSON.stringify([{ Id: `calls-${++sent}`, Entity: 'Lead', Data: { Op: 'create' } }]),
    signal: AbortSignal.timeout(5_000),
  });
  await res.arrayBuffer();
  return res.status;
};

describe('hostile call arguments get a 400 and kill nothing', () => {
  it('deliveryStats over 19 years in 10 s buckets', async () => {
    const answer = await rpc('deliveryStats', { since: Date.now() - 6e11, bucketMs: 10_000 });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/at most 10,000/);
    expect((await rpc('deliveryStats', {})).status).toBe(200);
    expect(await webhook()).toBe(200);
  });

  it('a simulated response header value Node cannot send (delayed or not)', async () => {
    for (const delayMs of [50, 0]) {
      const answer = await rpc('setReceiverResponse', { delayMs, headers: [['x-note', 'simulated ✓']] });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toMatch(/header value/i);
      expect(await webhook()).toBe(200);
    }
    const ok = await rpc('setReceiverResponse', { delayMs: 50, headers: [['x-note', 'simulated, ok']] });
    expect(ok.status).toBe(200);
    const res = await fetch(`http://127.0.0.1:${receiverPort}/hooks`, {
      method: 'POST',
      headers: { 'x-inspector-secret': secret },
      body: '[]',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-note')).toBe('simulated, ok');
    await rpc('setReceiverResponse', { delayMs: 0, headers: [] });
    expect(await webhook()).toBe(200);
  });

  it('listEvents with a NUL in hasField', async () => {
    const answer = await rpc('listEvents', { hasField: 'Address\u0000City' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('bad_request');
    expect(answer.body.error?.message).toMatch(/control characters/);
    expect((await rpc('listEvents', { hasField: 'Address.City' })).status).toBe(200);
  });
});

describe('the receiver secret', () => {
  it('is masked in getEvent unless revealSecrets is asked for', async () => {
    const res = await fetch(`http://127.0.0.1:${receiverPort}/hooks?secret=${secret}&x=1`, {
      method: 'POST',
      headers: { 'x-inspector-secret': secret },
      body: JSON.stringify([{ Id: 'masked-secret', Entity: 'Lead', Data: { Op: 'create' } }]),
    });
    expect(res.status).toBe(200);
    const { request } = (await res.json()) as { request: number };
    const found = await (async () => {
      for (let i = 0; i < 100; i++) {
        const page = (await rpc('listEvents', { text: 'masked-secret' })).body as unknown as { items: { id: number }[] };
        if (page.items[0]) return page.items[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('not indexed');
    })();
    type Detail = { requests: { id: number; headers: [string, string][]; query: string }[] };
    const shown = (await rpc('getEvent', { id: found.id })).body as unknown as Detail;
    expect(shown.requests[0]!.id).toBe(request);
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(shown.requests[0]!.headers).toContainEqual(['x-inspector-secret', 'REDACTED']);
    expect(shown.requests[0]!.query).toBe('?secret=REDACTED&x=1');
    const revealed = (await rpc('getEvent', { id: found.id, revealSecrets: true })).body as unknown as Detail;
    expect(revealed.requests[0]!.headers).toContainEqual(['x-inspector-secret', secret]);
    expect(revealed.requests[0]!.query).toBe(`?secret=${secret}&x=1`);
  });
});

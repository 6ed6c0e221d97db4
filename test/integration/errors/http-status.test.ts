import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiErrorBody, errorStatus } from '../../../shared/contract';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { createUiServer } from '../../../electron/server/http';

/**
 * Browser mode's HTTP answers: every refusal carries the contract's error body, and its status is
 * the one `errorStatus` gives for its code, so a client can go by either.
 */
const TOKEN = 'http-status-test-token';
let dataDir: string;
let engine: Engine;
let ui: Server;
let port: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-http-status-'));
  engine = await startEngine({ dataDir, mode: 'browser', receiverPort: 0, receiverThread: 'inline', log: () => {} });
  ui = createUiServer({ engine, port: 0, token: TOKEN, staticDir: join(dataDir, 'no-renderer-here') });
  await new Promise<void>((ok) => ui.listen(0, '127.0.0.1', () => ok()));
  port = (ui.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((ok) => (ui?.close(() => ok()), ui?.closeAllConnections()));
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function call(method: string, path: string, options: { host?: string; token?: string | null; body?: string } = {}) {
  const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${port}` };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? (JSON.parse(text) as unknown) : null }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

it.each([
  ['another host name (DNS rebinding)', 'GET', '/api/contract', { host: 'attacker.example' }, 'unauthorized', 401],
  ['no API token', 'POST', '/api/rpc/status', { token: null, body: 'null' }, 'unauthorized', 401],
  ['a wrong API token', 'POST', '/api/rpc/status', { token: 'wrong-token-of-same-size', body: 'null' }, 'unauthorized', 401],
  ['GET on a call', 'GET', '/api/rpc/status', {}, 'bad_request', 400],
  ['POST on the UI', 'POST', '/index.html', { body: '{}' }, 'bad_request', 400],
  ['a body that is not JSON', 'POST', '/api/rpc/status', { body: '{not json' }, 'bad_request', 400],
  ['an argument that breaks the schema', 'POST', '/api/rpc/getEvent', { body: '{"id":"seven"}' }, 'bad_request', 400],
  ['an unknown call', 'POST', '/api/rpc/noSuchCall', { body: 'null' }, 'not_found', 404],
  ['a missing record', 'POST', '/api/rpc/getEvent', { body: '{"id":424242}' }, 'not_found', 404],
  ['no API at the path', 'GET', '/api/nothing', {}, 'not_found', 404],
  ['the UI not built', 'GET', '/', {}, 'unavailable', 503],
] as const)('%s', async (_what, method, path, options, code, status) => {
  const answer = await call(method, path, options);
  const body = apiErrorBody.parse((answer.body as { error: unknown }).error);
  expect(body.code).toBe(code);
  expect(answer.status).toBe(status);
  expect(answer.status).toBe(errorStatus[body.code]);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type CallInput, type CallName } from '../../../shared/contract';
import type { Invoke } from '../../../shared/contract/client';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { dispatch } from '../../../electron/engine/rpc';
import { errorText, isNotConnected } from '../../../renderer/src/errors';
import { httpTransport } from '../../../shared/contract/http-transport';
import { desktopInvoke } from '../../../renderer/src/transport';
import { startServe, type Served } from '../../helpers/serve';

/**
 * One error model end to end: an error thrown where its cause is known reaches the renderer's
 * transport with the same code and typed details, over IPC (the dispatcher's answer, structured-
 * cloned as Electron does) and over HTTP (browser mode), and the renderer words it from those.
 */
let engine: Engine;
let served: Served;
let dataDir: string;
const transports: Record<'ipc' | 'http', Invoke> = {} as never;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-errors-'));
  engine = await startEngine({ dataDir, mode: 'desktop', receiverThread: 'inline', sandboxRate: 0, log: () => {} });
  // What the engine's process answers on a window's MessagePort, carried by structured clone as Electron's ports do.
  transports.ipc = desktopInvoke({ invoke: async (name, input) => structuredClone(await dispatch(engine.handlers, name, structuredClone(input))) });
  served = await startServe();
  transports.http = httpTransport({ baseUrl: served.baseUrl, token: served.token }).invoke;
});

afterAll(async () => {
  await engine?.stop();
  await served?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function failure<K extends CallName>(invoke: Invoke, name: K, input: CallInput<K>): Promise<ApiError> {
  const error = await invoke(name, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${name} should fail`).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe.each(['ipc', 'http'] as const)('errors over %s', (transport) => {
  const invoke = (): Invoke => transports[transport];

  it('an invalid argument: bad_request with each issue by path', async () => {
    const error = await failure(invoke(), 'getEvent', { id: 'seven' as never });
    expect(error.code).toBe('bad_request');
    expect(error.details).toEqual({ reason: 'invalid_input', issues: [{ path: 'id', message: expect.any(String) }] });
    expect(errorText(error)).toMatch(/^Not accepted: id: /);
  });

  it('a missing record: not_found with the service’s own message', async () => {
    const error = await failure(invoke(), 'getEvent', { id: 987654 });
    expect(error.code).toBe('not_found');
    expect(error.details).toBeUndefined();
    expect(errorText(error)).toBe('No event with id 987654');
  });

  it('a Maximizer refusal: the client’s error, code and details unchanged', async () => {
    const sandbox = await invoke()('connectSandbox', undefined);
    const baseUrl = (sandbox as { baseUrl: string }).baseUrl;
    const error = await failure(invoke(), 'connect', { baseUrl, token: 'not-a-valid-token' });
    expect(error.code).toBe('unauthorized');
    expect(error.details).toMatchObject({ reason: 'maximizer', kind: 'unauthorized', status: 401, operation: 'listTargets', fieldErrors: [] });
    expect(error.message).not.toContain('not-a-valid-token');
    expect(errorText(error)).toContain('Check the token');
  });

  it('no active connection: unavailable, marked not_connected', async () => {
    await invoke()('disconnect', undefined);
    const error = await failure(invoke(), 'listTargets', undefined);
    expect(error.code).toBe('unavailable');
    expect(isNotConnected(error)).toBe(true);
    const sandboxOnly = await failure(invoke(), 'sandboxGenerate', {});
    expect(isNotConnected(sandboxOnly)).toBe(true);
  });
});

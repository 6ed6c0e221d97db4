import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, type Api } from '@shared/contract';
import { createBridge, type Bridge, type Invoke, type Subscribe } from '@shared/contract/client';
import { httpTransport } from '@shared/contract/http-transport';
import { startEngine, type Engine } from '../../engine/engine';
import { DataDirInUseError } from '../../engine/store/instance-lock';
import { dispatch } from '../../engine/rpc';
import { startAutomationServer } from '../../server/automation';
import { findInstance, instanceLabel, type InstanceInfo } from '../../server/instance';
import { note } from './output';

/**
 * One client of the engine for every `mwi` command, whichever side runs it: the running app's
 * automation API (HTTP + SSE) when one is published in the data folder, else an engine started
 * here (the same contract through the in-process dispatcher). Commands only see `api` and `on`.
 */
export interface Session {
  api: Api;
  on: Bridge['on'];
  /** The app this session attached to; null when this process runs the engine. */
  attached: InstanceInfo | null;
  /** Resolves once events flow to `on` listeners. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface OwnEngineOptions {
  /** Open the public tunnel (listen without --no-tunnel). */
  tunnel: boolean;
  /** A localtunnel server other than the one in the app's settings. */
  tunnelHost?: string;
  /** Connect to the saved connection (the sandbox by default); read-only commands do not. */
  connect: boolean;
  /** Serve the automation API and publish it, so other `mwi` commands and the UI can attach. */
  publish: boolean;
  sandboxRate?: number;
  verbose?: boolean;
}

export async function openSession(dataDir: string, own: OwnEngineOptions): Promise<Session> {
  const running = await findInstance(dataDir);
  return running ? attach(running) : startOwn(dataDir, own);
}

/** Waits for the instance that holds the data folder's lock to publish its automation API. */
async function published(dataDir: string, timeoutMs = 5_000): Promise<InstanceInfo | null> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const running = await findInstance(dataDir);
    if (running) return running;
  }
  return null;
}

function attach(running: InstanceInfo): Session {
  const transport = httpTransport({
    baseUrl: running.url,
    token: running.token,
    onConnection: (up) => {
      if (!up) note(`Lost the connection to ${instanceLabel(running)}; retrying…`);
    },
  });
  const bridge = createBridge(transport.invoke, transport.subscribe);
  return {
    api: bridge.api,
    on: bridge.on,
    attached: running,
    ready: () => transport.ready(),
    async close() {
      transport.close();
    },
  };
}

async function startOwn(dataDir: string, own: OwnEngineOptions): Promise<Session> {
  note(`Starting the engine on ${dataDir}…`);
  let engine: Engine;
  try {
    engine = await startEngine({
      dataDir,
      mode: 'browser',
      receiverPort: 0,
      tunnel: { enabled: own.tunnel, host: own.tunnelHost },
      connect: own.connect,
      sandboxRate: own.sandboxRate,
      log: own.verbose ? (line) => note(line) : () => {},
    });
  } catch (error) {
    // Another instance took the folder between our look and our start: use it once it is up.
    const late = error instanceof DataDirInUseError ? await published(dataDir) : null;
    if (late) return attach(late);
    throw error;
  }
  const server = own.publish
    ? await startAutomationServer(engine, { port: 0, staticDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'), kind: 'cli' })
    : null;
  const invoke: Invoke = async (name, input) => {
    const answer = await dispatch(engine.handlers, name, input);
    if (answer.ok) return answer.result;
    throw new ApiError(answer.error.code, answer.error.message, answer.error.details);
  };
  const subscribe: Subscribe = (listener) => engine.bus.onAny(listener);
  const bridge = createBridge(invoke, subscribe);
  return {
    api: bridge.api,
    on: bridge.on,
    attached: null,
    ready: async () => {},
    async close() {
      await server?.close();
      await engine.stop();
    },
  };
}

export const describeAttached = (info: InstanceInfo) => `Attached to ${instanceLabel(info)} at ${info.url}`;

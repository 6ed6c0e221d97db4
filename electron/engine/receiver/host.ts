import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { EventBus } from '../bus';
import type { Settings } from '../store/settings';
import type { Store } from '../store';
import type { ReceiverResponse } from '@shared/contract/forwarding';
import type { Rejection } from '@shared/contract';
import { indexedMessage, rejectedMessage, type ReceiverSecrets, type WorkerConfig, type WorkerMessage } from './messages';
import { ReceiverSupervisor } from './supervisor';
import { createReceiverServer, DEFAULT_MAX_BODY } from './server';
import { ResponseSimulator } from './simulate';

export const receiverSettings = z.object({
  secret: z.string().min(16).optional(),
  /** The secret a rotation replaced, still accepted until `until` so Maximizer's in-flight retries land. */
  previous: z.object({ secret: z.string().min(16), until: z.number() }).optional(),
});

/** How long the replaced secret is still accepted after `rotateSecret`: covers Maximizer's retries of a delivery. */
export const SECRET_GRACE_MS = 15 * 60_000;

export interface ReceiverInfo {
  port: number;
  secret: string;
  localUrl: string;
  /** Receiver thread restarts since the engine started, and why the last one happened. */
  restarts: number;
  lastRestart?: { at: number; reason: string };
  /** While set, the secret replaced by the last rotation is still accepted. */
  previousSecretUntil?: number;
}

export interface ReceiverHandle {
  /** Kept up to date in place (secret rotation, restarts): services hold this very object. */
  info: ReceiverInfo;
  maxBodyBytes: number;
  /** Used by the forwarder: response simulation, and parsing requests the engine inserted itself. */
  control: {
    setResponse(state: ReceiverResponse): void;
    indexNow(): void;
  };
  /** A new secret now; the old one keeps working for `SECRET_GRACE_MS`. */
  rotateSecret(): ReceiverInfo;
  stop(): Promise<void>;
}

export interface StartReceiverOptions {
  dbPath: string;
  settings: Settings;
  port: number;
  host: string;
  maxBodyBytes?: number;
  thread: 'worker' | 'inline';
  store: Store;
  bus: EventBus;
  log?: (line: string) => void;
  now?: () => number;
  /** Starts a receiver thread (tests pass one that keeps the Worker, to kill it from outside). */
  spawn?: (config: WorkerConfig) => Worker;
}

const newSecret = () => randomBytes(18).toString('base64url');

/** The secret is generated on first run and kept, so the registered target stays valid. */
function receiverSecrets(settings: Settings, now: number): ReceiverSecrets {
  const current = settings.get('receiver', receiverSettings);
  const secret = current.secret ?? newSecret();
  if (!current.secret) settings.set('receiver', receiverSettings, { ...current, secret });
  const previous = current.previous && current.previous.until > now ? current.previous : undefined;
  return { current: secret, ...(previous ? { previous } : {}) };
}

/** Built next to the engine bundle as receiver-worker.js (see electron.vite.config.ts). */
export const defaultSpawn = (config: WorkerConfig): Worker =>
  new Worker(join(dirname(fileURLToPath(import.meta.url)), 'receiver-worker.js'), { workerData: config });

/**
 * A wrong-secret flood must not flood the UI: at most this many `rejections.added` events a
 * second; the rest are counted (the store keeps them aggregated) and announced once a second.
 */
const REJECTIONS_PER_SECOND = 20;

function rejectionRelay(bus: EventBus): (items: Rejection[]) => void {
  let windowStart = 0;
  let sent = 0;
  let skipped = 0;
  let timer: NodeJS.Timeout | undefined;
  return (items) => {
    const at = performance.now();
    if (at - windowStart >= 1000) {
      windowStart = at;
      sent = 0;
    }
    for (const item of items) {
      if (sent < REJECTIONS_PER_SECOND) {
        sent++;
        bus.emit('rejections.added', { item });
      } else skipped++;
    }
    if (skipped && !timer) {
      timer = setTimeout(() => {
        timer = undefined;
        const n = skipped;
        skipped = 0;
        bus.emit('rejections.skipped', { count: n });
      }, 1000);
      timer.unref();
    }
  };
}

export async function startReceiver(options: StartReceiverOptions): Promise<ReceiverHandle> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  let secrets = receiverSecrets(options.settings, now());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const { bus } = options;
  const relayRejections = rejectionRelay(bus);

  const relay = (message: WorkerMessage) => {
    if (message.type === 'response') return bus.emit('receiver.response', message.state);
    if (message.type !== 'committed') return;
    if (message.created.length) bus.emit('events.received', { items: message.created });
    for (const attempt of message.attempts) bus.emit('events.attempt', attempt);
    if (message.rejections.length) relayRejections(message.rejections);
  };

  const displayHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const info: ReceiverInfo = { port: options.port, secret: secrets.current, localUrl: '', restarts: 0 };
  const describe = (port: number) => {
    info.port = port;
    info.secret = secrets.current;
    info.localUrl = `http://${displayHost}:${port}/hooks?secret=${encodeURIComponent(secrets.current)}`;
    if (secrets.previous) info.previousSecretUntil = secrets.previous.until;
    else delete info.previousSecretUntil;
  };

  const rotate = (apply: (next: ReceiverSecrets) => void) => (): ReceiverInfo => {
    const at = now();
    const next: ReceiverSecrets = { current: newSecret(), previous: { secret: secrets.current, until: at + SECRET_GRACE_MS } };
    options.settings.set('receiver', receiverSettings, { secret: next.current, previous: next.previous });
    secrets = next;
    apply(next);
    describe(info.port);
    log(`receiver: secret rotated; the previous one is accepted until ${new Date(next.previous!.until).toISOString()}`);
    bus.emit('receiver.changed', { ...info, maxBodyBytes });
    return { ...info };
  };

  if (options.thread === 'inline') {
    const simulator = new ResponseSimulator(options.store, (state) => relay({ type: 'response', state }));
    const { server, indexer, setSecrets } = createReceiverServer({
      store: options.store,
      simulator,
      secret: secrets,
      maxBodyBytes,
      onIndexed: (stored) => relay(indexedMessage(stored)),
      onRejected: (rejections) => relay(rejectedMessage(rejections)),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const address = server.address();
    describe(typeof address === 'object' && address ? address.port : options.port);
    return {
      info,
      maxBodyBytes,
      control: { setResponse: (state) => simulator.configure(state), indexNow: () => indexer.kick() },
      rotateSecret: rotate(setSecrets),
      stop: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
    };
  }

  const spawn = options.spawn ?? defaultSpawn;
  // The simulation a restarted thread must keep answering with.
  let response: ReceiverResponse | undefined;
  const supervisor = new ReceiverSupervisor({
    spawn: (port) => spawn({ dbPath: options.dbPath, secret: secrets, port, host: options.host, maxBodyBytes }),
    onMessage: (message) => {
      if (message.type === 'response') response = message.state;
      relay(message);
    },
    onRestart: (restart) => {
      Object.assign(info, restart);
      if (response) supervisor.post({ type: 'response', state: response });
      bus.emit('receiver.changed', { ...info, maxBodyBytes });
    },
    log,
    now,
  });
  describe(await supervisor.start(options.port));
  return {
    info,
    maxBodyBytes,
    control: {
      setResponse: (state) => ((response = state), supervisor.post({ type: 'response', state })),
      indexNow: () => supervisor.post({ type: 'index' }),
    },
    rotateSecret: rotate((next) => supervisor.post({ type: 'secrets', secrets: next })),
    stop: () => supervisor.stop(),
  };
}

import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { EventBus } from '../bus';
import type { Settings } from '../settings';
import type { Store } from '../store/store';
import type { ReceiverResponse } from '@shared/contract/forwarding';
import { indexedMessage, rejectedMessage, workerMessage, type HostMessage, type WorkerConfig, type WorkerMessage } from './messages';
import { createReceiverServer, DEFAULT_MAX_BODY } from './server';
import { ResponseSimulator } from './simulate';

export const receiverSettings = z.object({
  secret: z.string().min(16).optional(),
});

export interface ReceiverHandle {
  info: { port: number; secret: string; localUrl: string };
  maxBodyBytes: number;
  /** Used by the forwarder: response simulation, and parsing requests the engine inserted itself. */
  control: {
    setResponse(state: ReceiverResponse): void;
    indexNow(): void;
  };
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
}

/** The secret is generated on first run and kept, so the registered target URL stays valid. */
function receiverSecret(settings: Settings): string {
  const current = settings.get('receiver', receiverSettings);
  if (current.secret) return current.secret;
  const secret = randomBytes(18).toString('base64url');
  settings.set('receiver', receiverSettings, { ...current, secret });
  return secret;
}

export async function startReceiver(options: StartReceiverOptions): Promise<ReceiverHandle> {
  const secret = receiverSecret(options.settings);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const { bus } = options;

  const relay = (message: WorkerMessage) => {
    if (message.type === 'response') return bus.emit('receiver.response', message.state);
    if (message.type !== 'committed') return;
    if (message.created.length) bus.emit('events.received', { items: message.created });
    for (const attempt of message.attempts) bus.emit('events.attempt', attempt);
    for (const item of message.rejections) bus.emit('rejections.added', { item });
  };

  const info = (port: number) => ({
    port,
    secret,
    localUrl: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/hooks?secret=${encodeURIComponent(secret)}`,
  });

  if (options.thread === 'inline') {
    const simulator = new ResponseSimulator(options.store, (state) => relay({ type: 'response', state }));
    const { server, indexer } = createReceiverServer({
      store: options.store,
      simulator,
      secret,
      maxBodyBytes,
      onIndexed: (stored) => relay(indexedMessage(stored)),
      onRejected: (rejections) => relay(rejectedMessage(rejections)),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      info: info(port),
      maxBodyBytes,
      control: { setResponse: (state) => simulator.configure(state), indexNow: () => indexer.kick() },
      stop: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  const config: WorkerConfig = {
    dbPath: options.dbPath,
    secret,
    port: options.port,
    host: options.host,
    maxBodyBytes,
  };
  // Built next to the engine bundle as receiver-worker.js (see electron.vite.config.ts).
  const workerFile = join(dirname(fileURLToPath(import.meta.url)), 'receiver-worker.js');
  const worker = new Worker(workerFile, { workerData: config });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', function first(raw: unknown) {
      const message = workerMessage.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === 'ready') (worker.off('message', first), resolve(message.data.port));
      if (message.data.type === 'failed') reject(new Error(`Receiver could not start: ${message.data.message}`));
    });
  });
  worker.on('message', (raw: unknown) => {
    const message = workerMessage.safeParse(raw);
    if (message.success) relay(message.data);
    else console.error('receiver sent an unexpected message:', message.error.message);
  });
  worker.on('error', (error) => console.error('receiver thread failed:', error));
  const tell = (message: HostMessage) => worker.postMessage(message);
  return {
    info: info(port),
    maxBodyBytes,
    control: { setResponse: (state) => tell({ type: 'response', state }), indexNow: () => tell({ type: 'index' }) },
    stop: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}

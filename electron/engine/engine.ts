import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sections, type Handlers, type SectionName, type Status } from '@shared/contract';
import { SANDBOX_DEFAULT_RATE } from '@shared/limits';
import { sandboxRate } from '@shared/contract/sandbox';
import { EventBus } from './bus';
import { connectionService } from './connection/service';
import { forwardingService } from './forwarding/service';
import { inspectorService } from './inspector/service';
import { latencyService } from './latency/service';
import { startReceiver, type ReceiverHandle } from './receiver/host';
import { receiverService } from './receiver/service';
import { replayService } from './replay/service';
import { BuiltInSandbox } from './sandbox/built-in';
import { sandboxService } from './sandbox/service';
import type { EngineOptions, ServiceContext, Services } from './service';
import { shapesService } from './shapes/service';
import { simulationService } from './simulation/service';
import { ENGINE_CACHE_KB, openStore, type Counts } from './store';
import { Settings } from './store/settings';
import { lockDataDir } from './store/instance-lock';
import { subscriptionsService } from './subscriptions/service';
import { transferService } from './transfer/service';
import { tunnelService } from './tunnel/service';
import { APP_VERSION } from './version';

export interface Engine {
  handlers: Handlers;
  bus: EventBus;
  context: ServiceContext;
  status(): Promise<Status>;
  stop(): Promise<void>;
}

/** `status.changed` goes out at most this often while things change (a burst of webhooks is one update). */
const STATUS_EVERY_MS = 500;

/**
 * Composes the engine: one store, the receiver on its own thread, and one service per
 * contract section. `Services` maps every section to its service, so the compiler proves
 * that each call has exactly one handler.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  // Owner-only: the folder holds every webhook body, the receiver secret and the connection tokens.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  // One engine per data folder: a second would run its own receiver and create its own target
  // at Maximizer on the same database. Throws DataDirInUseError at once.
  const lock = lockDataDir(options.dataDir);
  let engine: Engine;
  try {
    engine = await composeEngine(options);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    ...engine,
    async stop() {
      try {
        await engine.stop();
      } finally {
        lock.release();
      }
    },
  };
}

async function composeEngine(options: EngineOptions): Promise<Engine> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const settings = new Settings(options.dataDir);
  const bus = new EventBus();
  const dbPath = join(options.dataDir, 'inspector.db');
  const store = openStore(dbPath, { log, cacheKb: ENGINE_CACHE_KB });
  const receiver: ReceiverHandle = await startReceiver({
    dbPath,
    settings,
    port: options.receiverPort ?? 0,
    host: options.receiverHost ?? '127.0.0.1',
    maxBodyBytes: options.maxBodyBytes,
    thread: options.receiverThread ?? 'worker',
    store,
    bus,
    log,
    now,
  });

  const context: ServiceContext = {
    dataDir: options.dataDir,
    mode: options.mode,
    settings,
    bus,
    store,
    receiver: receiver.info,
    now,
    log,
    options,
  };

  const builtInSandbox = new BuiltInSandbox(sandboxRate.parse(options.sandboxRate ?? SANDBOX_DEFAULT_RATE), log);
  const tunnel = tunnelService(context);
  const forwarding = forwardingService(context);
  const simulation = simulationService(context, receiver);
  const connection = connectionService(context, builtInSandbox, options.secretBox);

  /** How far the live list is behind: the age of the oldest acknowledged request not yet indexed. */
  const withLag = (counts: Counts, now: number) => ({
    ...counts,
    indexLagMs: counts.oldestPendingAt === null ? 0 : Math.max(0, now - counts.oldestPendingAt),
  });

  function status(): Status {
    return {
      version: APP_VERSION,
      mode: options.mode,
      dataDir: options.dataDir,
      receiver: { ...receiver.info, maxBodyBytes: receiver.maxBodyBytes },
      counts: withLag(store.counts(), Date.now()),
      tunnel: tunnel.status(),
      forwarding: { ...forwarding.forwarding.stats(), response: simulation.current() },
      connection: connection.connection.status(),
    };
  }

  const services: Services = {
    inspector: inspectorService(context, status),
    receiver: receiverService(receiver),
    forwarding,
    replay: replayService(context, forwarding.forwarding, receiver),
    transfer: transferService(context, receiver),
    simulation,
    tunnel,
    connection,
    subscriptions: subscriptionsService(context, connection.connection),
    sandbox: sandboxService(builtInSandbox, connection.connection),
    shapes: shapesService(context),
    latency: latencyService(context),
  };
  const order = Object.keys(sections) as SectionName[];
  const handlers = Object.assign({}, ...order.map((name) => services[name].handlers)) as Handlers;

  for (const name of order) await services[name].start?.();

  // Whatever changed the app's state (a webhook, a rejection, a tunnel or connection change)
  // is followed by one `status.changed`, throttled, so a UI never polls.
  let statusTimer: NodeJS.Timeout | undefined;
  const offStatus = bus.onAny((event) => {
    if (event.name === 'status.changed' || statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      try {
        bus.emit('status.changed', status());
      } catch (error) {
        log(`status: not sent (${(error as Error).message})`);
      }
    }, STATUS_EVERY_MS);
    statusTimer.unref();
  });

  return {
    handlers,
    bus,
    context,
    status: async () => status(),
    async stop() {
      offStatus();
      clearTimeout(statusTimer);
      for (const name of [...order].reverse()) await services[name].stop?.();
      await receiver.stop();
      store.close();
    },
  };
}

import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { calls, type CallName, type Handlers, type Status } from '@shared/contract';
import { EventBus } from './bus';
import { inspectorService } from './inspector/service';
import { forwarderService } from './forwarder/service';
import { startReceiver, type ReceiverHandle } from './receiver/host';
import { receiverService } from './receiver/service';
import type { EngineOptions, Service, ServiceContext } from './service';
import { Settings } from './settings';
import { openStore } from './store';
import { tunnelService } from './tunnel/service';
import { connectionService } from './connection/service';
import { APP_VERSION } from './version';

export interface Engine {
  handlers: Handlers;
  bus: EventBus;
  context: ServiceContext;
  status(): Promise<Status>;
  stop(): Promise<void>;
}

/**
 * Composes the engine: one store, the receiver on its own thread, and every service.
 * Each service contributes its handlers; together they must cover the whole contract.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  // Owner-only: the folder holds every webhook body, the receiver secret and the connection tokens.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const settings = new Settings(options.dataDir);
  const bus = new EventBus();
  const dbPath = join(options.dataDir, 'inspector.db');
  const store = openStore(dbPath);
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

  const services: Service[] = [
    inspectorService(context, () => status()),
    tunnelService(context),
    forwarderService(context, receiver),
    connectionService(context, options.secretBox),
    receiverService(receiver),
    // services register here, one line each
  ];

  const handlers = {} as Record<string, unknown>;
  for (const service of services) Object.assign(handlers, service.handlers ?? {});
  const missing = (Object.keys(calls) as CallName[]).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`Engine has no handler for: ${missing.join(', ')}`);

  for (const service of services) await service.start?.();

  async function status(): Promise<Status> {
    const extra: Record<string, unknown> = {};
    for (const service of services) if (service.status) extra[service.name] = service.status();
    return {
      version: APP_VERSION,
      mode: options.mode,
      dataDir: options.dataDir,
      receiver: { ...receiver.info, maxBodyBytes: receiver.maxBodyBytes },
      counts: store.counts(),
      ...extra,
    };
  }

  return {
    handlers: handlers as Handlers,
    bus,
    context,
    status,
    async stop() {
      for (const service of [...services].reverse()) await service.stop?.();
      await receiver.stop();
      store.close();
    },
  };
}

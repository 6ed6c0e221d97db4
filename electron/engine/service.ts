import type { Handlers } from '@shared/contract';
import type { EventBus } from './bus';
import type { Settings } from './settings';
import type { Store } from './store';
import type { SecretBox } from './connection/token-store';

/** What every engine service is given. Time and ports are injectable for tests. */
export interface ServiceContext {
  dataDir: string;
  mode: 'desktop' | 'browser';
  settings: Settings;
  bus: EventBus;
  /** The main thread's connection: reads and UI-driven writes. The receiver writes from its own thread. */
  store: Store;
  receiver: { port: number; secret: string; localUrl: string };
  now: () => number;
  log: (line: string) => void;
  /** Options given on the command line (e.g. `--no-tunnel`), by service. */
  options: EngineOptions;
}

export interface EngineOptions {
  dataDir: string;
  mode: 'desktop' | 'browser';
  receiverPort?: number;
  receiverHost?: string;
  maxBodyBytes?: number;
  /** Run the receiver on a worker thread (default) or inline, for tests that need one process. */
  receiverThread?: 'worker' | 'inline';
  tunnel?: { enabled: boolean; host?: string };
  /** false: leave the saved connection idle (a one-shot `mwi` command must not re-point Maximizer's target). */
  connect?: boolean;
  /** Encrypts the Maximizer token at rest (the desktop app passes Electron's safeStorage). */
  secretBox?: SecretBox;
  /** Extra per-service flags from the CLI, validated by each service. */
  flags?: Record<string, unknown>;
  now?: () => number;
  log?: (line: string) => void;
}

/** One engine service: its share of the contract's handlers, plus its lifecycle and status. */
export interface Service {
  name: string;
  handlers?: Partial<Handlers>;
  /** Merged into `status()` under the service's own key (e.g. `tunnel`, `connection`). */
  status?(): Record<string, unknown>;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

import type { SectionHandlers, SectionName } from '@shared/contract';
import type { EventBus } from './bus';
import type { Settings } from './store/settings';
import type { Store } from './store';
import type { SecretBox } from './connection/token-store';

/** What every engine service is given. Time and ports are injectable for tests. */
export interface ServiceContext {
  dataDir: string;
  mode: 'desktop' | 'browser';
  settings: Settings;
  bus: EventBus;
  /** The main thread's repositories: reads and UI-driven writes. The receiver writes from its own thread. */
  store: Store;
  receiver: { port: number; secret: string; localUrl: string };
  now: () => number;
  log: (line: string) => void;
  /** How this engine was started (e.g. `--no-tunnel`, `--sandbox-rate`). */
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
  /** Events per minute the built-in sandbox generates while it is the active connection (default SANDBOX_DEFAULT_RATE; 0 = only on demand). */
  sandboxRate?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** One engine service: the handlers of exactly one contract section, plus its lifecycle. */
export interface Service<S extends SectionName> {
  handlers: SectionHandlers<S>;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

/** One service per contract section: the compiler rejects a section without its service. */
export type Services = { [S in SectionName]: Service<S> };

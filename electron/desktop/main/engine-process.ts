import { ENGINE_ENV, ENGINE_EXEC_ARGV } from '../../engine/process-tuning';
import { fromHost, type HostConfig, type ToHost } from '../engine-host/protocol';

/**
 * The options `utilityProcess.fork` starts the engine's process with: the engine's memory settings
 * (they apply only at process start) unless the app's environment sets them itself.
 */
export function engineForkOptions(env: NodeJS.ProcessEnv): {
  serviceName: string;
  stdio: 'inherit';
  env: NodeJS.ProcessEnv;
  execArgv: string[];
} {
  return { serviceName: 'Maximizer Webhook Inspector engine', stdio: 'inherit', env: { ...ENGINE_ENV, ...env }, execArgv: [...ENGINE_EXEC_ARGV] };
}

/** The part of Electron's UtilityProcess the supervisor uses (a fake one in tests). */
export interface ChildProcessLike {
  postMessage(message: ToHost, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineProcessOptions {
  fork: () => ChildProcessLike;
  config: HostConfig;
  /** After a crash the engine was started again: windows must reconnect (their ports died with it). */
  onRestart: () => void;
  /** The engine crashed too often to go on: the app says so and quits. */
  onGiveUp: (reason: string) => void;
  log?: (line: string) => void;
  /** Restarts allowed within `windowMs` before giving up. */
  maxRestarts?: number;
  windowMs?: number;
  stopTimeoutMs?: number;
  now?: () => number;
}

/**
 * Starts the engine's utility process, restarts it when it dies (a native crash in SQLite, an
 * out-of-memory), and stops it cleanly on quit. The main process keeps only windows, menus and
 * OS integration, so a long export or query in the engine never freezes the window.
 */
export class EngineProcess {
  private child: ChildProcessLike | null = null;
  private restarts: number[] = [];
  private stopping = false;
  /** Restarts are for an engine that ran: one that cannot start at all is reported, not retried. */
  private ranOnce = false;
  private exited: Promise<void> = Promise.resolve();
  private started: Promise<void> = new Promise(() => {});

  constructor(private readonly options: EngineProcessOptions) {}

  /** Resolves once the engine answers calls; rejects when it could not start. */
  start(): Promise<void> {
    const child = this.options.fork();
    this.child = child;
    let onExit!: () => void;
    this.exited = new Promise<void>((resolve) => (onExit = resolve));
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (raw) => {
        const message = fromHost.safeParse(raw);
        if (!message.success) return;
        if (message.data.kind === 'ready') {
          this.ranOnce = true;
          resolve();
        } else reject(new Error(`the engine could not start: ${message.data.message}`));
      });
      child.on('exit', (code) => {
        onExit();
        reject(new Error(`the engine's process exited (${code}) before it was ready`));
        if (this.child === child) this.child = null;
        if (!this.stopping && this.ranOnce) this.crashed(code);
      });
    });
    child.postMessage({ kind: 'start', config: this.options.config });
    // A failed start is reported by start()'s caller; ready() waiters simply wait for the next one.
    this.started = ready.catch(() => new Promise<void>(() => {}));
    return ready;
  }

  /** Resolves once the current engine process answers calls (after a restart: the new one). */
  ready(): Promise<void> {
    return this.started;
  }

  /** Hands one window's end of a MessageChannel to the engine. */
  connect(port: unknown): boolean {
    if (!this.child) return false;
    this.child.postMessage({ kind: 'connect' }, [port]);
    return true;
  }

  /** Asks the engine to finish its commits and close the database; kills it if it does not end in time. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    child.postMessage({ kind: 'stop' });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.options.stopTimeoutMs ?? 15_000).unref());
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      this.options.log?.('the engine did not stop in time: ending its process');
      child.kill();
      await this.exited;
    }
  }

  private crashed(code: number): void {
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.windowMs ?? 60_000;
    this.restarts = [...this.restarts.filter((t) => now - t < windowMs), now];
    if (this.restarts.length > (this.options.maxRestarts ?? 3)) {
      this.options.onGiveUp(`the engine stopped unexpectedly ${this.restarts.length} times within ${Math.round(windowMs / 1000)} s (last exit code ${code})`);
      return;
    }
    this.options.log?.(`the engine stopped unexpectedly (exit code ${code}): starting it again`);
    this.start().then(
      () => this.options.onRestart(),
      (error: unknown) => this.options.log?.((error as Error).message),
    );
  }
}

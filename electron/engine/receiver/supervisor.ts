import type { Worker } from 'node:worker_threads';
import { backoffDelay, type BackoffOptions } from '../tunnel/backoff';
import { workerMessage, type HostMessage, type WorkerMessage } from './messages';

export interface RestartInfo {
  restarts: number;
  lastRestart?: { at: number; reason: string };
}

export interface SupervisorOptions {
  /** Starts a fresh receiver thread listening on `port` (0 only for the very first start). */
  spawn: (port: number) => Worker;
  /** Every message of the running thread after its `ready`. */
  onMessage: (message: WorkerMessage) => void;
  /** After a restart is ready again (re-send state the new thread must know) or when it died. */
  onRestart: (info: RestartInfo) => void;
  log: (line: string) => void;
  now?: () => number;
  random?: () => number;
  /** Waits between restarts of a thread that keeps dying soon after it started. */
  backoff?: BackoffOptions;
  /** A thread that lived this long before dying is restarted at once, its backoff reset. */
  stableMs?: number;
}

const RESTART_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** Resolves with the port once the thread says `ready`; rejects on `failed`, an error, or an exit before that. */
function whenReady(worker: Worker): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (raw: unknown) => {
      const message = workerMessage.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === 'ready') (done(), resolve(message.data.port));
      if (message.data.type === 'failed') (done(), reject(new Error(`Receiver could not start: ${message.data.message}`)));
    };
    const onError = (error: Error) => (done(), reject(error));
    const onExit = (code: number) => (done(), reject(new Error(`Receiver thread exited with code ${code} before it was ready`)));
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

/**
 * Keeps the receiver thread running: if it exits for any reason other than `stop()`, a new one
 * is started on the same port at once (with growing waits if it keeps dying right after it
 * started), the reason is logged and counted. The new thread opens the same database and
 * parses whatever was committed but not yet indexed, so nothing acknowledged is left behind.
 */
export class ReceiverSupervisor {
  private worker: Worker | undefined;
  private stopping = false;
  private quickDeaths = 0;
  private readyAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  readonly info: RestartInfo = { restarts: 0 };
  port = 0;

  constructor(private readonly options: SupervisorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** First start: errors here (port in use, bad database) are the caller's to report. */
  async start(port: number): Promise<number> {
    const worker = this.options.spawn(port);
    this.port = await whenReady(worker).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    this.adopt(worker);
    return this.port;
  }

  post(message: HostMessage): void {
    this.worker?.postMessage(message);
  }

  private adopt(worker: Worker): void {
    this.worker = worker;
    this.readyAt = this.now();
    let lastError: string | undefined;
    worker.on('message', (raw: unknown) => {
      const message = workerMessage.safeParse(raw);
      if (message.success) this.options.onMessage(message.data);
      else this.options.log(`receiver: unexpected message from its thread: ${message.error.message}`);
    });
    worker.on('error', (error) => {
      lastError = error.stack ?? error.message;
    });
    worker.once('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.stopping) return;
      this.died(lastError ? `uncaught error: ${lastError}` : `thread exited with code ${code}`);
    });
  }

  private died(reason: string): void {
    const lived = this.now() - this.readyAt;
    this.quickDeaths = lived >= (this.options.stableMs ?? 30_000) ? 0 : this.quickDeaths + 1;
    this.info.restarts++;
    this.info.lastRestart = { at: this.now(), reason: reason.split('\n')[0]!.slice(0, 500) };
    this.options.log(`receiver: thread died (${reason}); restarting on port ${this.port}`);
    this.options.onRestart({ ...this.info });
    this.schedule();
  }

  private schedule(): void {
    // The first death in a while is restarted at once; a thread that keeps dying is given room.
    const delay = this.quickDeaths <= 1 ? 0 : backoffDelay(this.quickDeaths - 1, this.options.backoff ?? RESTART_BACKOFF, this.options.random ?? Math.random);
    this.timer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const worker = this.options.spawn(this.port);
    try {
      await whenReady(worker);
    } catch (error) {
      await worker.terminate().catch(() => undefined);
      if (this.stopping) return;
      this.quickDeaths++;
      this.options.log(`receiver: restart failed (${(error as Error).message}); trying again`);
      this.schedule();
      return;
    }
    if (this.stopping) return void (await worker.terminate());
    this.adopt(worker);
    this.options.log(`receiver: running again on port ${this.port} (restart ${this.info.restarts})`);
    this.options.onRestart({ ...this.info });
  }

  /** Asks the thread to finish in-flight commits and close; terminates it if that takes over 2 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    await worker.terminate();
  }
}

import { EventEmitter } from 'node:events';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { register, RegistrationError, TunnelLink, type Registration } from './client';
import { systemClock, type Clock } from './clock';
import { probeTunnel } from './probe';

export type WatchdogState =
  | { state: 'disabled'; reason: string; since: number }
  | { state: 'connecting'; since: number }
  | { state: 'online'; publicUrl: string; since: number }
  /** `attempt` is the retry waited for (or under way, when `nextRetryAt` is unset). */
  | { state: 'reconnecting'; attempt: number; nextRetryAt?: number; lastError: string; since: number }
  /** Retrying cannot help (e.g. the server rejects the subdomain): waits for new settings or `reconnect()`. */
  | { state: 'offline'; reason: string; since: number };

export interface ProbeSchedule {
  /** After going online, the first probe waits this long. */
  initialDelayMs: number;
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive failed probes that count as a dead tunnel. */
  failuresBeforeReconnect: number;
}

export const DEFAULT_PROBE: ProbeSchedule = { initialDelayMs: 2_000, intervalMs: 30_000, timeoutMs: 10_000, failuresBeforeReconnect: 2 };

export interface WatchdogOptions {
  /** The localtunnel server, e.g. https://localtunnel.me. */
  host: string;
  /** Requested every time, so the public URL survives reconnects and restarts. */
  subdomain: string;
  localPort: number;
  /** Where the receiver listens; an address, never `localhost` (which may resolve to ::1). */
  localHost?: string;
  /** Registration plus the first pooled connection must finish within this. */
  openTimeoutMs?: number;
  /** Online this long resets the retry count, so a flapping tunnel still backs off. */
  stableMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** `false` turns the self-probe off. */
  probe?: Partial<ProbeSchedule> | false;
  clock?: Clock;
  random?: () => number;
  fetch?: typeof fetch;
  /** Details that are not state changes (a single failed probe). */
  log?: (line: string) => void;
}

/**
 * Keeps one localtunnel tunnel alive. The protocol gives no signal when a
 * server forgets a client or dies quietly, so every way a tunnel can fail
 * ends here, in `fail()`: the attempt is torn down completely and a new
 * registration for the same subdomain is scheduled with capped, jittered backoff.
 *
 * Emits `change` with the new state.
 */
export class TunnelWatchdog extends EventEmitter {
  private current: WatchdogState;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly probe: ProbeSchedule | false;
  private running = false;
  /** Bumped whenever an attempt ends; callbacks of older attempts see a mismatch and do nothing. */
  private generation = 0;
  private failures = 0;
  private teardown: (() => void) | undefined;
  private retryTimer: unknown;

  constructor(private readonly options: WatchdogOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.probe = options.probe === false ? false : { ...DEFAULT_PROBE, ...options.probe };
    this.current = { state: 'disabled', reason: 'not started', since: this.clock.now() };
  }

  get state(): WatchdogState {
    return this.current;
  }

  get subdomain(): string {
    return this.options.subdomain;
  }

  get host(): string {
    return this.options.host;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.set({ state: 'connecting' });
    this.open();
  }

  /** Drops whatever is there and opens a fresh tunnel now, skipping any backoff wait. */
  reconnect(): void {
    if (!this.running) return this.start();
    this.endAttempt();
    this.failures = 0;
    this.set({ state: 'connecting' });
    this.open();
  }

  stop(reason = 'stopped'): void {
    if (!this.running) return;
    this.running = false;
    this.endAttempt();
    this.set({ state: 'disabled', reason });
  }

  private set(state: DistributiveOmit<WatchdogState, 'since'>): void {
    this.current = { ...state, since: this.clock.now() } as WatchdogState;
    this.emit('change', this.current);
  }

  private endAttempt(): void {
    this.generation++;
    this.teardown?.();
    this.teardown = undefined;
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private open(): void {
    const gen = ++this.generation;
    const { clock } = this;
    const live = () => gen === this.generation && this.running;
    const controller = new AbortController();
    const timers = new Set<unknown>();
    let link: TunnelLink | undefined;
    const after = (ms: number, fn: () => void) => {
      const handle = clock.setTimeout(() => {
        timers.delete(handle);
        fn();
      }, ms);
      timers.add(handle);
    };
    this.teardown = () => {
      controller.abort();
      link?.close();
      for (const handle of timers) clock.clearTimeout(handle);
      timers.clear();
    };
    const fail = (error: unknown, retryable = true) => {
      if (live()) this.fail(error instanceof Error ? error.message : String(error), retryable);
    };

    const openTimeoutMs = this.options.openTimeoutMs ?? 20_000;
    after(openTimeoutMs, () => fail(new Error(`Opening the tunnel timed out after ${openTimeoutMs / 1000}s`)));

    register({ host: this.options.host, subdomain: this.options.subdomain, signal: controller.signal, fetch: this.options.fetch })
      .then((registration) => {
        if (!live()) return;
        if (registration.id !== this.options.subdomain) {
          // The public server hands out a random id when ours is held (often by our own
          // previous connection, until the server notices it is gone). Taking it would move
          // the public URL; we ask for ours again instead. Never connecting to the offered
          // id lets the server drop it at once.
          fail(
            new Error(
              `The tunnel server offered "${registration.id}" instead of "${this.options.subdomain}" (the subdomain is in use, possibly by a previous connection that has not timed out yet)`,
            ),
          );
          return;
        }
        link = new TunnelLink(registration, { localHost: this.options.localHost ?? '127.0.0.1', localPort: this.options.localPort });
        link.on('error', (error: Error) => fail(error));
        link.once('connected', () => {
          if (!live()) return;
          for (const handle of timers) clock.clearTimeout(handle);
          timers.clear();
          this.online(registration, after, fail, live);
        });
        link.open();
      })
      .catch((error: unknown) => fail(error, error instanceof RegistrationError ? error.retryable : true));
  }

  private online(registration: Registration, after: (ms: number, fn: () => void) => void, fail: (error: unknown) => void, live: () => boolean): void {
    this.set({ state: 'online', publicUrl: registration.url });
    after(this.options.stableMs ?? 60_000, () => {
      this.failures = 0;
    });
    const probe = this.probe;
    if (!probe) return;
    let misses = 0;
    const run = async () => {
      const result = await probeTunnel(registration.url, { timeoutMs: probe.timeoutMs, clock: this.clock, fetch: this.options.fetch });
      if (!live()) return;
      if (result.ok) {
        misses = 0;
      } else {
        misses++;
        if (misses >= probe.failuresBeforeReconnect) {
          fail(new Error(`The self-probe through ${registration.url} failed: ${result.error}`));
          return;
        }
        this.options.log?.(`tunnel: self-probe failed (${misses} of ${probe.failuresBeforeReconnect} before reconnecting): ${result.error}`);
      }
      // After a miss (e.g. on waking from sleep) the next probe comes sooner, to confirm or clear it.
      after(misses ? Math.min(probe.intervalMs, probe.timeoutMs) : probe.intervalMs, () => void run());
    };
    after(probe.initialDelayMs, () => void run());
  }

  private fail(message: string, retryable: boolean): void {
    this.endAttempt();
    if (!retryable) {
      this.set({ state: 'offline', reason: message });
      return;
    }
    this.failures++;
    const attempt = this.failures;
    const delay = backoffDelay(attempt, this.backoff, this.random);
    this.set({ state: 'reconnecting', attempt, nextRetryAt: this.clock.now() + delay, lastError: message });
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.running) return;
      this.set({ state: 'reconnecting', attempt, lastError: message });
      this.open();
    }, delay);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

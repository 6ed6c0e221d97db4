import { MAXIMIZER_ATTEMPTS, MAXIMIZER_DEADLINE_MS, type ForwardDelivery, type ForwardingSettings } from '@shared/contract/forwarding';
import { postOnce, type AttemptHandle, type AttemptResult } from './attempt';
import type { DeliveriesRepository, NewDelivery } from '../store/deliveries';

/** The bytes and headers to send; loaded per attempt, so waiting retries hold no bodies in memory. */
export type Payload = () => { headers: string[]; body: Buffer } | undefined;

export interface DelivererOptions {
  log: DeliveriesRepository;
  settings: () => ForwardingSettings;
  now: () => number;
  onChange: (delivery: ForwardDelivery) => void;
  deadlineMs?: number;
  /** Attempts in flight at once, across all deliveries. */
  concurrency?: number;
  /** Deliveries waiting for a slot beyond this are recorded as cancelled instead of queued. */
  maxQueued?: number;
}

interface Running {
  id: number;
  url: string;
  payload: Payload;
  maxAttempts: number;
  attempts: number;
  done: Promise<ForwardDelivery>;
  resolve: (d: ForwardDelivery) => void;
  handle?: AttemptHandle;
  timer?: NodeJS.Timeout;
}

/**
 * Sends with Maximizer's rules (CONTRACT.md §4): a 200 within 2 s succeeds; anything else is
 * retried after a short delay, up to 3 attempts with the same bytes. Runs on the engine's
 * event loop, never in the receiver's request path; attempts share a small pool of slots.
 */
export class Deliverer {
  private readonly deadlineMs: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly running = new Map<number, Running>();
  private readonly waiting: (() => void)[] = [];
  /** Every open attempt, late listeners included, so stop() can close them all. */
  private readonly live = new Set<AttemptHandle>();
  private inFlight = 0;
  private stopped = false;

  constructor(private readonly options: DelivererOptions) {
    this.deadlineMs = options.deadlineMs ?? MAXIMIZER_DEADLINE_MS;
    this.concurrency = options.concurrency ?? 8;
    this.maxQueued = options.maxQueued ?? 10_000;
  }

  get stats() {
    return { active: this.running.size, inFlight: this.inFlight, queued: this.waiting.length };
  }

  /** Records the delivery and starts it; `done` resolves when it is delivered, failed or cancelled. */
  start(spec: Omit<NewDelivery, 'createdAt' | 'maxAttempts'> & { payload: Payload; maxAttempts?: number }): {
    delivery: ForwardDelivery;
    done: Promise<ForwardDelivery>;
  } {
    const maxAttempts = spec.maxAttempts ?? MAXIMIZER_ATTEMPTS;
    const id = this.options.log.create({ ...spec, createdAt: this.options.now(), maxAttempts });
    const delivery = this.options.log.get(id)!;
    this.options.onChange(delivery);
    if (this.stopped || this.waiting.length >= this.maxQueued) {
      return { delivery, done: Promise.resolve(this.finish(id, 'cancelled')) };
    }
    let resolve!: (d: ForwardDelivery) => void;
    const done = new Promise<ForwardDelivery>((r) => (resolve = r));
    const run: Running = { id, url: spec.url, payload: spec.payload, maxAttempts, attempts: 0, done, resolve };
    this.running.set(id, run);
    void this.attempt(run);
    return { delivery, done };
  }

  /** Cancels everything: in-flight attempts are aborted, waiting retries dropped. */
  stop(): void {
    this.stopped = true;
    for (const run of [...this.running.values()]) {
      clearTimeout(run.timer);
      run.handle?.abort();
      this.running.delete(run.id);
      run.resolve(this.finish(run.id, 'cancelled'));
    }
    for (const wake of this.waiting.splice(0)) wake();
    for (const handle of this.live) handle.abort();
  }

  private finish(id: number, state: ForwardDelivery['state']): ForwardDelivery {
    this.options.log.finish(id, state, this.options.now());
    const delivery = this.options.log.get(id)!;
    this.options.onChange(delivery);
    return delivery;
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  private record(run: Running, number: number, startedAt: number, result: AttemptResult): void {
    this.options.log.putAttempt(run.id, {
      attempt: number,
      startedAt,
      latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs * 10) / 10,
      status: result.status,
      outcome: result.outcome,
      late: result.late,
      reason: result.reason,
      responseHeaders: result.headers,
      responseBody: result.body,
      responseSize: result.size,
      responseTruncated: result.truncated,
    });
  }

  private async attempt(run: Running): Promise<void> {
    await this.slot();
    if (this.stopped || !this.running.has(run.id)) return this.release();
    const number = ++run.attempts;
    const startedAt = this.options.now();
    const payload = run.payload();
    if (!payload) {
      this.release();
      this.running.delete(run.id);
      run.resolve(this.finish(run.id, 'cancelled'));
      return;
    }
    const settings = this.options.settings();
    const handle = postOnce({
      url: run.url,
      headers: payload.headers,
      body: payload.body,
      deadlineMs: this.deadlineMs,
      graceMs: settings.lateGraceMs,
      capBytes: settings.responseCapBytes,
    });
    run.handle = handle;
    this.live.add(handle);
    void handle.final.then(() => this.live.delete(handle));
    const verdict = await handle.verdict;
    // The slot is for attempts Maximizer would still be waiting on; late listening runs outside it.
    this.release();
    if (this.stopped) return;
    this.record(run, number, startedAt, verdict);
    // A timed-out attempt may still answer: record it when it does, without holding up the retry.
    void handle.final.then((final) => {
      if (final === verdict || this.stopped) return;
      this.record(run, number, startedAt, final);
      this.options.onChange(this.options.log.get(run.id)!);
    });
    if (verdict.outcome === 'ok') {
      this.running.delete(run.id);
      run.resolve(this.finish(run.id, 'delivered'));
      return;
    }
    if (number >= run.maxAttempts) {
      this.running.delete(run.id);
      run.resolve(this.finish(run.id, 'failed'));
      return;
    }
    this.options.onChange(this.options.log.get(run.id)!);
    run.timer = setTimeout(() => void this.attempt(run), settings.retryDelayMs);
  }
}

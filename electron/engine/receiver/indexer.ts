import type { Store, StoredDelivery } from '../store';

export interface IndexerOptions {
  store: Store;
  /** When the receiver last committed (performance.now()); while it is busy the indexer takes short, rare slices. */
  lastCommitAt: () => number;
  onIndexed: (stored: StoredDelivery[]) => void;
  onError?: (error: Error) => void;
}

/** Requests parsed between clock checks: small, so a slice stops on time. */
const IDLE_CHUNK = 16;
const BUSY_CHUNK = 4;
/** A slice's parsing budget while webhooks are arriving, and when the receiver is quiet. */
const BUSY_SLICE_MS = 2;
const IDLE_SLICE_MS = 25;
/**
 * While busy, the indexer's share of the thread: the pause after a slice is sized
 * from the whole slice as it ran (parsing, the full-text commit, the message to the
 * engine), never less than BUSY_INTERVAL_MS. A fixed 50 ms pause after a "2 ms"
 * slice let indexing take ~17% of the thread under load, since the commit and the
 * message cost more than the parsing (docs/performance.md).
 */
const BUSY_SHARE = 0.04;
const BUSY_INTERVAL_MS = 50;
const BUSY_WINDOW_MS = 100;
/**
 * Between idle slices the write lock is left free this long. Back-to-back slices left
 * only microseconds between commits, and the engine's connection (startup, retention,
 * forwarding log), whose busy handler polls every few ms, could starve past its 5 s
 * busy timeout while a large backlog was indexed after a restart ("database is locked").
 */
const IDLE_GAP_MS = 5;

/**
 * Parses committed requests into events behind the acknowledgement, on the
 * receiver's thread (one writer, no lock contention). Acks come first: under load
 * the index advances in short slices and catches up when traffic calms down.
 */
export class Indexer {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** How long the last slice took, all in. */
  private lastSliceMs = 0;

  constructor(private readonly options: IndexerOptions) {}

  kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private busy(): boolean {
    return performance.now() - this.options.lastCommitAt() < BUSY_WINDOW_MS;
  }

  private schedule(): void {
    const pause = this.busy() ? Math.max(BUSY_INTERVAL_MS, (this.lastSliceMs * (1 - BUSY_SHARE)) / BUSY_SHARE) : IDLE_GAP_MS;
    this.timer = setTimeout(() => this.slice(), pause);
  }

  private slice(): void {
    if (this.stopped) return;
    const busy = this.busy();
    const budget = busy ? BUSY_SLICE_MS : IDLE_SLICE_MS;
    const started = performance.now();
    let stored: StoredDelivery[];
    try {
      stored = this.options.store.events.indexPending(busy ? BUSY_CHUNK : IDLE_CHUNK, budget);
    } catch (error) {
      this.options.onError?.(error as Error);
      this.timer = setTimeout(() => this.slice(), 1000);
      return;
    }
    if (stored.length) this.options.onIndexed(stored);
    this.lastSliceMs = performance.now() - started;
    // A slice that ran out of time (rather than out of work) leaves more to do.
    const more = this.lastSliceMs >= budget;
    if (more) this.schedule();
    else this.running = false;
  }
}

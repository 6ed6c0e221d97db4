import type { Store, StoredDelivery } from '../store';

export interface IndexerOptions {
  store: Store;
  /** When the receiver last committed (performance.now()); while it is busy the indexer takes short, rare slices. */
  lastCommitAt: () => number;
  onIndexed: (stored: StoredDelivery[]) => void;
  onError?: (error: Error) => void;
}

/** Requests parsed between clock checks: small, so a slice stops on time. */
const CHUNK = 16;
/** A slice's time budget while webhooks are arriving, and when the receiver is quiet. */
const BUSY_SLICE_MS = 2;
const IDLE_SLICE_MS = 25;
/** While busy, at most one slice this often: indexing takes ~4% of the thread under sustained load and catches up after. */
const BUSY_INTERVAL_MS = 50;
const BUSY_WINDOW_MS = 100;

/**
 * Parses committed requests into events behind the acknowledgement, on the
 * receiver's thread (one writer, no lock contention). Acks come first: under load
 * the index advances in short slices and catches up when traffic calms down.
 */
export class Indexer {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

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
    if (this.busy()) this.timer = setTimeout(() => this.slice(), BUSY_INTERVAL_MS);
    else setImmediate(() => this.slice());
  }

  private slice(): void {
    if (this.stopped) return;
    const budget = this.busy() ? BUSY_SLICE_MS : IDLE_SLICE_MS;
    const started = performance.now();
    let stored: StoredDelivery[];
    try {
      stored = this.options.store.events.indexPending(CHUNK, budget);
    } catch (error) {
      this.options.onError?.(error as Error);
      this.timer = setTimeout(() => this.slice(), 1000);
      return;
    }
    if (stored.length) this.options.onIndexed(stored);
    // A slice that ran out of time (rather than out of work) leaves more to do.
    const more = performance.now() - started >= budget;
    if (more) this.schedule();
    else this.running = false;
  }
}

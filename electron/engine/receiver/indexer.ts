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
/** While behind (see LAGGING_MS), busy slices are longer: fewer commits for the same events. */
const BEHIND_SLICE_MS = 5;
const IDLE_SLICE_MS = 25;
/**
 * While webhooks arrive, the indexer takes what the requests leave of the thread, up
 * to TARGET_LOAD in all: the pause after a slice is sized from the whole slice as it
 * ran (parsing, the full-text commit, the message to the engine) and the share the
 * indexer may have, which is measured afresh each time from the loop's utilization
 * without the indexer's own slices. A fixed share (4%, one 2 ms slice per 50 ms)
 * kept acks fast at full load but capped indexing at ~90 events/s whenever webhooks
 * kept coming, so at a steady 150/s the live list fell further behind every second.
 * At full load the share falls to MIN_SHARE.
 *
 * MIN_SHARE only applies once requests take more than half the thread. By then indexing
 * (~300 µs an event, 4–10 times an ack) falls behind whatever the floor, and the floor only
 * sets how fast the live list creeps until traffic calms down. A 4% floor cost ~15 µs of
 * the engine's CPU per webhook at full load (parsing, full-text pages in the same WAL,
 * messages to the engine, garbage), several times its share of the thread: 1% won 12 of 14
 * alternating rounds, median 0.72 vs 0.67 of bare node:http (docs/performance.md).
 */
const TARGET_LOAD = 0.5;
const MIN_SHARE = 0.01;
const MAX_SHARE = TARGET_LOAD;
/**
 * The floor above only holds while the list is live. Once the indexer has been behind for
 * LAGGING_MS it takes at least LAGGING_SHARE of the thread, and past BEHIND_MS at least
 * BEHIND_SHARE, whatever the requests want: the live list is what users watch, and no Maximizer
 * account sends thousands of webhooks a second. At full load the receiver then acknowledges
 * about as fast as it can index (a few thousand a second here rather than ~10k), acks still take
 * milliseconds, and the list stays within about a second of them (docs/performance.md).
 */
const LAGGING_MS = 250;
const LAGGING_SHARE = 0.5;
const BEHIND_MS = 1000;
const BEHIND_SHARE = 0.8;
/** A pause between busy slices is at least this long: time for waiting requests to be parsed and committed. */
const MIN_PAUSE_MS = 1;
/**
 * And at most this long: one slow slice (the first after a start, with the shapes to load) at the
 * 1% floor asked for a pause 99 times as long, and a burst of 20 webhooks waited 4.5 s to be listed.
 */
const MAX_PAUSE_MS = 100;
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
  /** The loop's utilization when the share was last measured, and the indexer's time since. */
  private utilization = performance.eventLoopUtilization();
  private indexingMs = 0;
  /** Since when every slice has ended with work left (undefined: caught up). */
  private behindSince: number | undefined;

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

  /** The share of the thread the indexer may take now: what the requests left of TARGET_LOAD since the last look. */
  private share(): number {
    const now = performance.eventLoopUtilization();
    const window = performance.eventLoopUtilization(now, this.utilization);
    this.utilization = now;
    const total = window.active + window.idle;
    const requests = total > 0 ? Math.max(0, window.active - this.indexingMs) / total : 1;
    this.indexingMs = 0;
    const share = Math.min(MAX_SHARE, Math.max(MIN_SHARE, TARGET_LOAD - requests));
    const behind = this.behindSince === undefined ? 0 : performance.now() - this.behindSince;
    return behind >= BEHIND_MS ? Math.max(share, BEHIND_SHARE) : behind >= LAGGING_MS ? Math.max(share, LAGGING_SHARE) : share;
  }

  private schedule(): void {
    let pause = IDLE_GAP_MS;
    if (this.busy()) {
      const share = this.share();
      pause = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, (this.lastSliceMs * (1 - share)) / share));
    }
    this.timer = setTimeout(() => this.slice(), pause);
  }

  private slice(): void {
    if (this.stopped) return;
    const busy = this.busy();
    const behind = this.behindSince !== undefined && performance.now() - this.behindSince >= LAGGING_MS;
    const budget = !busy ? IDLE_SLICE_MS : behind ? BEHIND_SLICE_MS : BUSY_SLICE_MS;
    const started = performance.now();
    let stored: StoredDelivery[];
    try {
      stored = this.options.store.events.indexPending(busy && !behind ? BUSY_CHUNK : IDLE_CHUNK, budget);
    } catch (error) {
      this.options.onError?.(error as Error);
      this.timer = setTimeout(() => this.slice(), 1000);
      return;
    }
    if (stored.length) this.options.onIndexed(stored);
    this.lastSliceMs = performance.now() - started;
    this.indexingMs += this.lastSliceMs;
    // A slice that ran out of time (rather than out of work) leaves more to do.
    const more = this.lastSliceMs >= budget;
    if (more) {
      this.behindSince ??= started;
      this.schedule();
    } else {
      this.behindSince = undefined;
      this.running = false;
    }
  }
}

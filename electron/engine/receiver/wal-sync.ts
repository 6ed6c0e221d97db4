import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

/**
 * Below this smoothed flush time the WAL is flushed on the receiver's own thread; above it,
 * on libuv's pool. Measured on a 2-core VM (docs/performance.md): with flushes of ~0.25 ms,
 * flushing inline won 23 of 32 alternating rounds (medians 0.65–0.71 vs 0.58–0.64 of bare
 * node:http) and cost ~15 µs less CPU per webhook, because the pool's hand-off (wake a pool thread,
 * then wake this loop) took as long as the flush itself. With a disk shared by busy
 * neighbours (flushes of 2–3 ms) the pool won 4 of 4: the thread must not stop parsing
 * requests for that long, and a stalled disk must not stop it answering probes and refusals.
 */
export const INLINE_BELOW_MS = 1;
/** Weight of the newest flush in the smoothed time: about the last ten flushes count. */
const SMOOTHING = 0.1;

/** The two ways to flush, injectable so tests can stand in a slow or failing disk. */
export interface Fsync {
  inline(fd: number): void;
  pooled(fd: number, done: (error: Error | null) => void): void;
}

const nodeFsync: Fsync = { inline: fdatasyncSync, pooled: fdatasync };

/**
 * Makes committed WAL frames durable. The connection commits with synchronous=NORMAL
 * (no fsync in the commit itself); this flushes the WAL file, and every transaction
 * committed before a flush started is durable when it ends. The group committer runs
 * one flush at a time (see GroupCommitter).
 *
 * A fast disk is flushed inline, a slow one on the pool (see INLINE_BELOW_MS); the
 * choice follows the smoothed time of recent flushes. A pooled flush's time includes
 * the hand-off (~0.2 ms here), so the switch back to inline needs the disk to be
 * clearly fast again.
 */
export class WalSync {
  private fd: number | null = null;
  /** Smoothed duration of recent flushes, ms. */
  private recentMs = 0;

  constructor(
    private readonly walPath: string,
    private readonly fsync: Fsync = nodeFsync,
    /** The clock flushes are timed with (tests pass one their stand-in disk advances). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether the next flush blocks this thread (it is expected to take well under a millisecond). */
  get inline(): boolean {
    return this.recentMs < INLINE_BELOW_MS;
  }

  /**
   * Calls `done` once everything committed before this call is on disk: synchronously,
   * before returning, when the flush is done inline; from the pool otherwise.
   */
  durable(done: (error: Error | null) => void): void {
    let fd: number;
    try {
      fd = this.fd ??= openSync(this.walPath, 'r+');
    } catch (error) {
      queueMicrotask(() => done(error as Error));
      return;
    }
    const started = this.now();
    if (this.inline) {
      let failure: Error | null = null;
      try {
        this.fsync.inline(fd);
      } catch (error) {
        failure = error as Error;
      }
      this.observe(this.now() - started);
      done(failure);
      return;
    }
    this.fsync.pooled(fd, (error) => {
      this.observe(this.now() - started);
      done(error);
    });
  }

  private observe(ms: number): void {
    this.recentMs = this.recentMs === 0 ? ms : this.recentMs + SMOOTHING * (ms - this.recentMs);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

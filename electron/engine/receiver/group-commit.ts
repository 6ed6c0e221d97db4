import type { Rejection } from '@shared/contract';
import type { IncomingRequest, NewRejection, Store } from '../store';
import type { WalSync } from './wal-sync';

/** Told once its request is committed and on disk (id), or that it is not (error). */
export type Committed = (error: Error | null, requestId: number) => void;

/**
 * Group commit: requests share one transaction and one fsync, and each sender is
 * told only after its commit is on disk, so a 200 is never sent for a body that
 * is not durable.
 *
 * With a WalSync (the receiver's thread), the batch is one WAL flush cycle: while
 * a flush runs, arriving requests wait, then go in one transaction and one flush
 * together. A request that arrives during a flush waits for it either way (its
 * commit would need the next flush), so fewer, larger transactions cost nothing in
 * latency and save SQLite's per-commit work (counters page, WAL frame headers).
 * A fast disk is flushed inline (WalSync): then nothing arrives during the flush,
 * and what arrived meanwhile is parsed in the next turn and committed together.
 * Without a WalSync (synchronous=FULL commits), requests finishing in the same turn
 * of the event loop share a commit.
 */
export class GroupCommitter {
  private requests: IncomingRequest[] = [];
  private callbacks: Committed[] = [];
  private rejections: NewRejection[] = [];
  private scheduled = false;
  private syncing = false;
  /** When the last batch of requests was committed: the indexer yields while traffic is heavy. */
  lastCommitAt = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly onCommitted: (rejections: Rejection[]) => void,
    /** With a WalSync, commits skip the fsync and callers wait for the flush instead. */
    private readonly walSync: WalSync | null = null,
  ) {}

  /** Queues a request; `done` is called once it is durable (a callback, not a promise: one less allocation per request). */
  add(request: IncomingRequest, done: Committed): void {
    this.requests.push(request);
    this.callbacks.push(done);
    if (!this.syncing) this.schedule();
  }

  reject(rejection: NewRejection): void {
    this.rejections.push(rejection);
    if (!this.syncing) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after this turn's I/O callbacks, so every body that
    // finished in this turn joins the same commit.
    setImmediate(this.flush);
  }

  /** Commits what is queued; with a WalSync, starts the flush that makes it durable. */
  readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.requests;
    const callbacks = this.callbacks;
    const rejections = this.rejections;
    this.requests = [];
    this.callbacks = [];
    this.rejections = [];
    if (batch.length) {
      let ids: number[] | null = null;
      try {
        ids = this.store.requests.insert(batch, this.now());
      } catch (error) {
        // Nothing of this batch is committed: every sender gets a 500 and Maximizer retries.
        for (const done of callbacks) done(error as Error, 0);
      }
      if (ids) {
        const committed = ids;
        this.lastCommitAt = performance.now();
        if (this.walSync) {
          this.syncing = true;
          this.walSync.durable((error) => {
            this.syncing = false;
            for (let i = 0; i < callbacks.length; i++) callbacks[i]!(error, committed[i]!);
            // What arrived during the flush goes in the next transaction and flush.
            if (this.requests.length || this.rejections.length) this.flush();
          });
        } else for (let i = 0; i < callbacks.length; i++) callbacks[i]!(null, committed[i]!);
      }
    }
    let rejected: Rejection[] = [];
    if (rejections.length) {
      try {
        rejected = this.store.rejections.insert(rejections);
      } catch (error) {
        console.error('could not record rejected requests:', error);
      }
    }
    this.onCommitted(rejected);
  };
}

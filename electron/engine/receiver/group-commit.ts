import type { Rejection } from '@shared/contract';
import type { IncomingRequest, NewRejection, Store } from '../store';
import type { WalSync } from './wal-sync';

interface Pending {
  request: IncomingRequest;
  resolve: (requestId: number) => void;
  reject: (error: Error) => void;
}

/**
 * Group commit: requests that finish in the same turn of the event loop share one
 * transaction, and one fsync. Each caller is resolved only after its commit is on
 * disk, so a 200 is never sent for a body that is not durable.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private rejections: NewRejection[] = [];
  private scheduled = false;
  /** When the last batch of requests was committed: the indexer yields while traffic is heavy. */
  lastCommitAt = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly onCommitted: (rejections: Rejection[]) => void,
    /** With a WalSync, commits skip the fsync and callers wait for the flush instead. */
    private readonly walSync: WalSync | null = null,
    private readonly maxBatch = 256,
  ) {}

  add(request: IncomingRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.schedule();
    });
  }

  reject(rejection: NewRejection): void {
    this.rejections.push(rejection);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after this turn's I/O callbacks, so every body that
    // finished in this turn joins the same commit.
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    const rejections = this.rejections;
    this.queue = [];
    this.rejections = [];
    if (batch.length) {
      try {
        const ids = this.store.requests.insert(
          batch.map((p) => p.request),
          this.now(),
        );
        this.lastCommitAt = performance.now();
        if (this.walSync)
          this.walSync.durable().then(
            () => batch.forEach((p, i) => p.resolve(ids[i]!)),
            (error: Error) => batch.forEach((p) => p.reject(error)),
          );
        else batch.forEach((p, i) => p.resolve(ids[i]!));
      } catch (error) {
        // Nothing of this batch is committed: every sender gets a 500 and Maximizer retries.
        for (const p of batch) p.reject(error as Error);
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
  }
}

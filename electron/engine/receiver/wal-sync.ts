import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Makes committed WAL frames durable without blocking the receiver's event loop.
 * The connection commits with synchronous=NORMAL (no fsync in the commit itself);
 * this flushes the WAL file on libuv's thread pool, and every transaction committed
 * before a flush started is durable when it ends. The group committer runs one
 * flush at a time (see GroupCommitter).
 */
export class WalSync {
  private fd: number | null = null;

  constructor(private readonly walPath: string) {}

  /** Calls `done` once everything committed before this call is on disk. */
  durable(done: (error: Error | null) => void): void {
    try {
      this.fd ??= openSync(this.walPath, 'r+');
    } catch (error) {
      queueMicrotask(() => done(error as Error));
      return;
    }
    fdatasync(this.fd, done);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

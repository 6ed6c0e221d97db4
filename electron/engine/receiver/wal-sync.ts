import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Makes committed WAL frames durable without blocking the receiver's event loop.
 * The connection commits with synchronous=NORMAL (no fsync in the commit itself);
 * each group commit then flushes the WAL file on libuv's thread pool, and its
 * requests are acknowledged when that flush ends. Flushes may overlap: a batch
 * waits for one flush that started after its commit, never for a queue of them.
 */
export class WalSync {
  private fd: number | null = null;

  constructor(private readonly walPath: string) {}

  /** Resolves once everything committed before this call is on disk. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.fd ??= openSync(this.walPath, 'r+');
      } catch (error) {
        reject(error as Error);
        return;
      }
      fdatasync(this.fd, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

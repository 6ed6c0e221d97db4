import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Makes committed WAL frames durable without blocking the receiver's event loop.
 * The connection commits with synchronous=NORMAL (no fsync in the commit itself);
 * this flushes the WAL file on libuv's thread pool, and every batch committed
 * before a flush started is durable when it ends. One flush at a time: batches
 * that commit while one runs share the next.
 */
export class WalSync {
  private fd: number | null = null;
  private running = false;
  private waiting: (() => void)[] = [];
  private failed: ((error: Error) => void)[] = [];

  constructor(private readonly walPath: string) {}

  /** Resolves once everything committed before this call is on disk. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.failed.push(reject);
      if (!this.running) this.flush();
    });
  }

  private flush(): void {
    const resolves = this.waiting;
    const rejects = this.failed;
    this.waiting = [];
    this.failed = [];
    this.running = true;
    try {
      this.fd ??= openSync(this.walPath, 'r+');
    } catch (error) {
      this.running = false;
      rejects.forEach((r) => r(error as Error));
      return;
    }
    fdatasync(this.fd, (error) => {
      this.running = false;
      if (error) rejects.forEach((r) => r(error));
      else resolves.forEach((r) => r());
      if (this.waiting.length) this.flush();
    });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

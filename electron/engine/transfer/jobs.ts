import { randomUUID } from 'node:crypto';
import { ApiError } from '@shared/contract';
import type { Job } from '@shared/contract/forwarding';

export interface JobControl {
  readonly id: string;
  /** Set by cancel(); long loops check it between chunks. */
  readonly cancelled: boolean;
  setTotal(total: number | null): void;
  advance(count: number): void;
  setOutput(output: NonNullable<Job['output']>): void;
  setImported(imported: NonNullable<Job['imported']>): void;
}

class CancelledError extends Error {}

/**
 * Long exports and imports as jobs: progress goes out on the bus (throttled), and a job
 * can be cancelled between chunks. Only the latest few are remembered.
 */
export class Jobs {
  private readonly jobs = new Map<string, { job: Job; cancelled: boolean; done: Promise<Job> }>();
  private readonly lastEmit = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly emit: (job: Job) => void,
    private readonly keep = 50,
    private readonly throttleMs = 150,
  ) {}

  get(id: string): Job {
    const entry = this.jobs.get(id);
    if (!entry) throw new ApiError('not_found', `No job ${id}`);
    return { ...entry.job };
  }

  wait(id: string): Promise<Job> {
    const entry = this.jobs.get(id);
    if (!entry) throw new ApiError('not_found', `No job ${id}`);
    return entry.done;
  }

  cancel(id: string): Job {
    const entry = this.jobs.get(id);
    if (!entry) throw new ApiError('not_found', `No job ${id}`);
    entry.cancelled = true;
    return { ...entry.job };
  }

  cancelAll(): void {
    for (const entry of this.jobs.values()) entry.cancelled = true;
  }

  start(kind: Job['kind'], run: (control: JobControl) => Promise<void>): Job {
    const job: Job = {
      id: randomUUID(),
      kind,
      state: 'running',
      done: 0,
      total: null,
      startedAt: this.now(),
      finishedAt: null,
      error: null,
      output: null,
      imported: null,
    };
    const entry = { job, cancelled: false, done: Promise.resolve(job) };
    const publish = (force: boolean) => {
      const at = this.now();
      if (!force && at - (this.lastEmit.get(job.id) ?? 0) < this.throttleMs) return;
      this.lastEmit.set(job.id, at);
      this.emit({ ...job });
    };
    const control: JobControl = {
      id: job.id,
      get cancelled() {
        return entry.cancelled;
      },
      setTotal: (total) => ((job.total = total), publish(true)),
      advance: (count) => {
        if (entry.cancelled) throw new CancelledError('cancelled');
        job.done += count;
        publish(false);
      },
      setOutput: (output) => (job.output = output),
      setImported: (imported) => (job.imported = imported),
    };
    entry.done = (async () => {
      publish(true);
      try {
        await run(control);
        job.state = entry.cancelled ? 'cancelled' : 'done';
      } catch (error) {
        if (error instanceof CancelledError || entry.cancelled) job.state = 'cancelled';
        else {
          job.state = 'failed';
          job.error = (error as Error).message;
        }
      }
      job.finishedAt = this.now();
      this.lastEmit.delete(job.id);
      publish(true);
      return { ...job };
    })();
    this.jobs.set(job.id, entry);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - this.keep))) {
      if (this.jobs.get(id)!.job.state !== 'running') this.jobs.delete(id);
    }
    return { ...job };
  }
}

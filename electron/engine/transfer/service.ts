import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '@shared/contract';
import type { ReceiverHandle } from '../receiver/host';
import type { Service, ServiceContext } from '../service';
import { APP_VERSION } from '../version';
import { cleanExports, runExport } from './export';
import { runImport } from './import';
import { Jobs } from './jobs';

/** Export (NDJSON, JSON, HAR) and import of events with their raw requests, as cancellable jobs. */
export function transferService(ctx: ServiceContext, receiver: Pick<ReceiverHandle, 'control' | 'info'>): Service<'transfer'> {
  const jobs = new Jobs(ctx.now, (job) => ctx.bus.emit('jobs.progress', job));
  const exportDir = join(ctx.dataDir, 'exports');

  return {
    handlers: {
      exportEvents: async ({ format, ids, query, includeSecrets, wait }) => {
        const job = jobs.start('export', (control) =>
          runExport(control, ctx.store, {
            format,
            ids,
            query,
            includeSecrets,
            dir: exportDir,
            receiverBase: `http://127.0.0.1:${receiver.info.port}`,
            appVersion: APP_VERSION,
            now: ctx.now,
          }),
        );
        return wait ? jobs.wait(job.id) : job;
      },
      importEvents: async ({ content, format, wait }) => {
        const job = jobs.start('import', (control) =>
          runImport(control, ctx.store, { content, format, now: ctx.now, indexNow: () => receiver.control.indexNow() }),
        );
        return wait ? jobs.wait(job.id) : job;
      },
      getJob: ({ id }) => jobs.get(id),
      cancelJob: ({ id }) => jobs.cancel(id),
      readJobOutput: ({ id, offset, length }) => {
        const job = jobs.get(id);
        if (!job.output) throw new ApiError('bad_request', `Job ${id} has no output (${job.state})`);
        const size = statSync(job.output.path).size;
        const fd = openSync(job.output.path, 'r');
        try {
          const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
          const read = buffer.length ? readSync(fd, buffer, 0, buffer.length, offset) : 0;
          return { base64: buffer.subarray(0, read).toString('base64'), offset, size, eof: offset + read >= size };
        } finally {
          closeSync(fd);
        }
      },
    },
    start() {
      cleanExports(exportDir, ctx.now());
    },
    stop() {
      jobs.cancelAll();
    },
  };
}

import { z } from 'zod';
import { call } from './define';
import { exportFormat, job, eventQuery } from './forwarding';

/** Export and import of events with their raw requests, as cancellable jobs. */
export const transferCalls = {
  exportEvents: call(
    z.object({
      format: exportFormat,
      /** Selected events; otherwise every event matching `query` (all events when both are absent). */
      ids: z.array(z.number().int()).optional(),
      query: eventQuery.optional(),
      /** Keep the receiver secret (query `secret`, header X-Inspector-Secret) in the file; redacted by default. */
      includeSecrets: z.boolean().default(false),
      wait: z.boolean().default(false),
    }),
    job,
    'Export events with their raw requests (body as base64) as NDJSON, JSON or HAR 1.2; a job with progress (`jobs.progress`).',
  ),
  importEvents: call(
    z.object({ content: z.string().min(1), format: z.enum(['auto', 'ndjson', 'json', 'har']).default('auto'), wait: z.boolean().default(false) }),
    job,
    'Import an NDJSON/JSON export or a HAR file: each request is stored again with its exact bytes, marked `imported`.',
  ),
  getJob: call(z.object({ id: z.string() }), job, 'An export or import job: progress, result, output file.'),
  cancelJob: call(z.object({ id: z.string() }), job, 'Stop a running export or import.'),
  readJobOutput: call(
    z.object({
      id: z.string(),
      offset: z.number().int().min(0).default(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(8 * 1024 * 1024)
        .default(4 * 1024 * 1024),
    }),
    z.object({ base64: z.string(), offset: z.number().int(), size: z.number().int(), eof: z.boolean() }),
    'A slice of a finished export’s file, for download.',
  ),
};

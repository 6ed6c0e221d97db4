import { z } from 'zod';
import { call } from './define';

export const rateBucket = z.object({
  start: z.number(),
  count: z.number().int(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  deliveryP50: z.number().nullable(),
});

/** Delivery latency and rate (the Latency tab): its own section, answered by electron/engine/latency/. */
export const latencyCalls = {
  deliveryStats: call(
    z
      .object({
        entity: z.string().optional(),
        /** Window (epoch ms); default the last hour. */
        since: z.number().optional(),
        until: z.number().optional(),
        /** Default: ~360 buckets over the window. At most 10,000 buckets per answer (400 beyond). */
        bucketMs: z.number().int().min(10_000).optional(),
      })
      .default({}),
    z.object({
      since: z.number(),
      until: z.number(),
      bucketMs: z.number().int(),
      buckets: z.array(rateBucket),
      /** The tunnel was enabled but down: nothing could arrive from Maximizer. */
      outages: z.array(z.object({ start: z.number(), end: z.number().nullable(), state: z.string(), reason: z.string().nullable() })),
      /** True when the window held more events than one answer reads (the newest were left out). */
      truncated: z.boolean(),
    }),
    'Events per bucket and delivery latency percentiles (Timestamp → received) over a window, per Entity or all, with tunnel outages.',
  ),
};

import { ApiError } from '@shared/contract';
import { MAX_BUCKETS, bucketCount, bucketFor, bucketize } from '@shared/shapes/latency';
import type { Service, ServiceContext } from '../service';

/** Rows one chart answer reads at most: a busy week at full rate is sampled from its oldest part. */
const MAX_ROWS = 300_000;

/**
 * Delivery latency and rate for the charts, and the tunnel's outages (enabled but down),
 * recorded as they happen so the charts can mark the gaps they caused.
 */
export function latencyService(ctx: ServiceContext): Service<'latency'> {
  const repo = ctx.store.latency;
  let off: (() => void) | undefined;
  return {
    handlers: {
      deliveryStats: (input) => {
        const until = input.until ?? ctx.now();
        const since = input.since ?? until - 3_600_000;
        const bucketMs = input.bucketMs ?? bucketFor(until - since);
        const count = bucketCount(since, until, bucketMs);
        if (count > MAX_BUCKETS) {
          const least = Math.ceil((until - since) / MAX_BUCKETS / 1000) * 1000;
          throw new ApiError(
            'bad_request',
            `${count.toLocaleString('en')} buckets of ${bucketMs} ms over this window; at most ${MAX_BUCKETS.toLocaleString('en')}: make bucketMs at least ${least} or the window shorter`,
          );
        }
        const rows = repo.timings(since, until, input.entity, MAX_ROWS);
        return {
          since,
          until,
          bucketMs,
          buckets: bucketize(rows, since, until, bucketMs),
          outages: repo.outages(since, until),
          truncated: rows.length >= MAX_ROWS,
        };
      },
    },
    start() {
      // An outage left open by a crash ended, at the latest, when the app stopped.
      repo.outageEnded(ctx.now());
      off = ctx.bus.on('tunnel.changed', (status) => {
        const down = status.enabled && (status.state === 'reconnecting' || status.state === 'offline');
        if (down) repo.outageStarted(status.since, status.state, status.lastError ?? status.reason ?? null);
        else if (status.state === 'online' || status.state === 'disabled') repo.outageEnded(status.since);
      });
    },
    stop() {
      off?.();
    },
  };
}

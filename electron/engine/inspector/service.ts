import { ApiError, type Status } from '@shared/contract';
import { maskSecretHeaders, maskSecretQuery } from '@shared/secret-mask';
import { z } from 'zod';
import type { Service, ServiceContext } from '../service';

export const retentionSettings = z.object({
  maxEvents: z.number().int().positive().nullable().default(1_000_000),
  maxAgeDays: z.number().positive().nullable().default(30),
});

/** What one retention pass deletes beyond, from the settings. */
export const pruneLimits = (limits: z.infer<typeof retentionSettings>, now: number) => ({
  maxEvents: limits.maxEvents,
  maxAgeMs: limits.maxAgeDays === null ? null : limits.maxAgeDays * 86_400_000,
  now,
});

/** The inspector's queries: status, the event list and details, rejections, versions, record timelines; and retention. */
export function inspectorService(ctx: ServiceContext, status: () => Status): Service<'inspector'> {
  let timer: NodeJS.Timeout | undefined;
  let checkpoints: NodeJS.Timeout | undefined;
  let reindexTimer: NodeJS.Timeout | undefined;
  const prune = () => {
    const limits = ctx.settings.get('retention', retentionSettings);
    try {
      const pruned = ctx.store.events.prune(pruneLimits(limits, ctx.now()));
      if (pruned) ctx.log(`retention: pruned ${pruned} old events`);
    } catch (error) {
      // A busy database only delays retention to the next round; it must never stop the engine.
      ctx.log(`retention: skipped this round (${(error as Error).message})`);
    }
  };
  return {
    handlers: {
      status: () => status(),
      listEvents: (query) => ctx.store.events.list(query),
      countEvents: (query) => ctx.store.events.count(query),
      getEvent: ({ id, revealSecrets }) => {
        const event = ctx.store.events.get(id);
        if (!event) throw new ApiError('not_found', `No event with id ${id}`);
        if (revealSecrets) return event;
        return { ...event, requests: event.requests.map((r) => ({ ...r, headers: maskSecretHeaders(r.headers), query: maskSecretQuery(r.query) })) };
      },
      listRejections: ({ limit }) => ({ items: ctx.store.rejections.list(limit), totals: ctx.store.rejections.totals() }),
      clearEvents: () => {
        const deleted = ctx.store.clear();
        ctx.bus.emit('events.cleared', {});
        return { deleted };
      },
      deleteEvents: ({ ids }) => {
        const deleted = ctx.store.events.delete(ids);
        if (deleted) ctx.bus.emit('events.deleted', { ids });
        return { deleted };
      },
      entityVersions: () => ({ items: ctx.store.events.versions() }),
      recordEvents: ({ recordKey, limit }) => ctx.store.events.ofRecord(recordKey, limit),
    },
    start() {
      // Retention runs in the background, off the receiver's thread, in small chunks.
      timer = setInterval(prune, 60_000);
      timer.unref();
      // The receiver's connection leaves checkpoints to this one (see StoreOptions.autoCheckpoint).
      checkpoints = setInterval(() => {
        try {
          ctx.store.checkpoint();
        } catch {
          // busy: the next second's checkpoint catches up
        }
      }, 1_000);
      checkpoints.unref();
      setTimeout(prune, 5_000).unref();
      // Events stored before schema 8 are reindexed for search in small slices, newest first,
      // so neither the engine's calls nor the receiver's commits wait behind it.
      const reindex = () => {
        try {
          if (ctx.store.events.reindexText(200) > 0) reindexTimer = setTimeout(reindex, 20);
        } catch {
          reindexTimer = setTimeout(reindex, 1_000); // busy: try again shortly
        }
        reindexTimer?.unref();
      };
      reindexTimer = setTimeout(reindex, 1_000);
      reindexTimer.unref();
    },
    stop() {
      clearTimeout(reindexTimer);
      clearInterval(timer);
      clearInterval(checkpoints);
    },
  };
}

import { checkpointer } from './checkpoint';
import { openDatabase, type StoreOptions } from './database';
import { deliveriesRepository } from './deliveries';
import { eventsRepository } from './events';
import { latencyRepository } from './latency';
import { rejectionsRepository } from './rejections';
import { eventRemoval } from './removal';
import { requestsRepository } from './requests';
import { CLEAR_SHAPES_SQL, shapesRepository } from './shapes';

export type { StoreOptions } from './database';
export type { CheckpointResult } from './checkpoint';
export type { IncomingRequest, StoredRequest, RequestEvent } from './requests';
export type { StoredDelivery, FilterableEvent, IndexedEvent, IndexHook } from './events';
export type { ShapeRow, DriftRow, ShapesRepository } from './shapes';
export { REJECTIONS_KEPT, type NewRejection } from './rejections';
export type { NewDelivery, StoredAttempt } from './deliveries';
export type { EventScope, Removed } from './removal';
export { SCHEMA_VERSION } from './migrations';

/**
 * Page cache per connection, KiB (measured in docs/performance.md, "Engine memory"). The engine's
 * serves the list and searches: at 1M events the full-text index is far larger than any cache
 * here and the OS page cache holds the file, so 4 MB searched as fast as 8, 16 or 32 MB did
 * (worst first page 10–11 ms) and kept ~4 MB less resident. The receiver's only appends and
 * indexes the newest rows, whose pages it has just written, so a small cache loses it nothing.
 */
export const ENGINE_CACHE_KB = 4_000;
export const RECEIVER_CACHE_KB = 2_000;

export interface Counts {
  events: number;
  requests: number;
  rejected: number;
  /** Requests committed but not yet parsed into events (non-zero only during bursts). */
  pending: number;
  /** When the oldest of those was received (null when none is waiting). */
  oldestPendingAt: number | null;
}

/**
 * The one way into SQLite: one connection per thread (the engine's, the receiver's), one
 * repository per table family. Services are given repositories, never the connection.
 */
export function openStore(path: string, options: StoreOptions = {}) {
  const db = openDatabase(path, options);
  const counters = db.prepare(`SELECT name, value FROM counters`);
  const lastRequest = db.prepare('SELECT max(id) FROM requests').pluck();
  const oldestPending = db
    .prepare(`SELECT received_at FROM requests WHERE id > (SELECT value FROM counters WHERE name = 'indexed_upto') ORDER BY id LIMIT 1`)
    .pluck();
  const wal = checkpointer(db);

  const remove = eventRemoval(db);

  /** Every event goes the way a delete takes it (removal.ts); then what only a clear empties. */
  const clear = db.transaction((): number => {
    const { events } = remove({ all: true });
    // Requests not yet parsed into events go too; so do refusals and what was learned from the events.
    db.exec(`DELETE FROM requests; DELETE FROM rejections; DELETE FROM rejection_totals; DELETE FROM entity_versions;
      INSERT INTO events_fts(events_fts) VALUES ('delete-all');
      UPDATE counters SET value = 0 WHERE name NOT IN ('indexed_upto', 'shapes_generation');
      ${CLEAR_SHAPES_SQL}`);
    return events;
  });

  const shapes = shapesRepository(db);
  return {
    events: eventsRepository(db, shapes, remove, options),
    /** Shapes, their fields and drift flags (learned by shapes/learner.ts as events are indexed). */
    shapes,
    /** Delivery timings and tunnel outages (the latency charts). */
    latency: latencyRepository(db),
    requests: requestsRepository(db),
    rejections: rejectionsRepository(db),
    deliveries: deliveriesRepository(db, options),
    counts(): Counts {
      const values = Object.fromEntries((counters.all() as { name: string; value: number }[]).map((r) => [r.name, r.value]));
      const last = (lastRequest.get() as number | null) ?? 0;
      const pending = Math.max(0, last - (values.indexed_upto ?? 0));
      return {
        events: values.events ?? 0,
        requests: values.requests ?? 0,
        rejected: values.rejected ?? 0,
        pending,
        oldestPendingAt: pending ? ((oldestPending.get() as number | undefined) ?? null) : null,
      };
    },
    /** Deletes every event, request and rejection, and the shapes learned from them (deliveries of no event, like test sends, are cleared by the delivery log's owner). */
    clear: clear.immediate,
    /** Copies committed WAL frames into the database, and keeps the WAL from growing under steady traffic (see checkpointer). */
    checkpoint: wal.checkpoint,
    /** Copies everything and empties the WAL file (tools, tests). */
    truncateWal: wal.truncate,
    close: () => db.close(),
  };
}

export type Store = ReturnType<typeof openStore>;

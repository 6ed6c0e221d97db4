import type { Db } from './database';

/** Which events leave: chosen ones (delete), every id up to one (retention), or all of them (clear). */
export type EventScope = { ids: readonly number[] } | { upTo: number } | { all: true };

export interface Removed {
  events: number;
  /** Raw requests that no remaining event was parsed from. */
  requests: number;
  /** Forwarding deliveries that carried only removed events. */
  deliveries: number;
}

/**
 * The one way events leave the store. Everything keyed by an event id goes with the event — its
 * attempts, drift flags and delivery links — and so do the deliveries that carried nothing else
 * and the raw requests no remaining event was parsed from. Delete, retention and clear all come
 * here: when they had a path each, delete left drift flags behind for the next event to inherit.
 *
 * The chosen ids go into a temporary table first, so every step below is the same statement for
 * every scope. Callers run it inside their own write transaction.
 */
export function eventRemoval(db: Db) {
  // TEMP tables live in this connection only, so the receiver's connection never sees them.
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS removal_events (id INTEGER PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS removal_requests (id INTEGER PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS removal_deliveries (id INTEGER PRIMARY KEY);
  `);
  const choose = {
    ids: db.prepare(`INSERT OR IGNORE INTO removal_events SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))`),
    upTo: db.prepare(`INSERT INTO removal_events SELECT id FROM events WHERE id <= ?`),
    all: db.prepare(`INSERT INTO removal_events SELECT id FROM events`),
  };
  const chosen = 'SELECT id FROM removal_events';
  const stmt = {
    reset: db.prepare(`DELETE FROM removal_events`),
    resetRequests: db.prepare(`DELETE FROM removal_requests`),
    resetDeliveries: db.prepare(`DELETE FROM removal_deliveries`),
    requestsOf: db.prepare(`INSERT OR IGNORE INTO removal_requests SELECT request_id FROM attempts WHERE event_id IN (${chosen})`),
    deliveriesOf: db.prepare(`INSERT OR IGNORE INTO removal_deliveries SELECT delivery_id FROM forward_delivery_events WHERE event_id IN (${chosen})`),
    events: db.prepare(`DELETE FROM events WHERE id IN (${chosen})`),
    attempts: db.prepare(`DELETE FROM attempts WHERE event_id IN (${chosen})`),
    // What the shapes learned from these events stays; only the per-event flags go.
    drift: db.prepare(`DELETE FROM shape_drift WHERE event_id IN (${chosen})`),
    links: db.prepare(`DELETE FROM forward_delivery_events WHERE event_id IN (${chosen})`),
    // A delivery that still carries a remaining event (one body, several events) stays in the log.
    emptyDeliveries: db.prepare(
      `DELETE FROM removal_deliveries WHERE id IN (SELECT delivery_id FROM forward_delivery_events WHERE delivery_id IN (SELECT id FROM removal_deliveries))`,
    ),
    deliveryAttempts: db.prepare(`DELETE FROM forward_attempts WHERE delivery_id IN (SELECT id FROM removal_deliveries)`),
    deliveries: db.prepare(`DELETE FROM forward_deliveries WHERE id IN (SELECT id FROM removal_deliveries)`),
    // The orphan rule, written once: a request goes when no attempt of any event points at it.
    orphanRequests: db.prepare(
      `DELETE FROM requests WHERE id IN (SELECT id FROM removal_requests) AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.request_id = requests.id)`,
    ),
    count: db.prepare(`UPDATE counters SET value = value - ? WHERE name = ?`),
  };

  return (scope: EventScope): Removed => {
    if (!db.inTransaction) throw new Error('eventRemoval runs inside the caller’s write transaction');
    stmt.reset.run();
    stmt.resetRequests.run();
    stmt.resetDeliveries.run();
    if ('ids' in scope) choose.ids.run(JSON.stringify(scope.ids));
    else if ('upTo' in scope) choose.upTo.run(scope.upTo);
    else choose.all.run();
    stmt.requestsOf.run();
    stmt.deliveriesOf.run();
    const events = stmt.events.run().changes;
    stmt.attempts.run();
    stmt.drift.run();
    stmt.links.run();
    stmt.emptyDeliveries.run();
    stmt.deliveryAttempts.run();
    const deliveries = stmt.deliveries.run().changes;
    const requests = stmt.orphanRequests.run().changes;
    stmt.count.run(events, 'events');
    stmt.count.run(requests, 'requests');
    stmt.reset.run();
    stmt.resetRequests.run();
    stmt.resetDeliveries.run();
    return { events, requests, deliveries };
  };
}
export type EventRemoval = ReturnType<typeof eventRemoval>;

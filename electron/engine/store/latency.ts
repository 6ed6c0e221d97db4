import type { Db } from './database';

/** Delivery timing rows and tunnel outages: the SQL behind the latency charts. */
export function latencyRepository(db: Db) {
  const stmt = {
    openOutage: db.prepare('SELECT id FROM tunnel_outages WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1').pluck(),
    startOutage: db.prepare('INSERT INTO tunnel_outages (started_at, state, reason) VALUES (?, ?, ?)'),
    endOutage: db.prepare('UPDATE tunnel_outages SET ended_at = ? WHERE ended_at IS NULL'),
    outages: db.prepare(
      'SELECT started_at AS start, ended_at AS end, state, reason FROM tunnel_outages WHERE started_at <= ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at',
    ),
  };
  return {
    /** The tunnel went down (once per outage: a second call while one is open does nothing). */
    outageStarted(at: number, state: string, reason: string | null): void {
      if (stmt.openOutage.get() === undefined) stmt.startOutage.run(at, state, reason);
    },
    outageEnded: (at: number) => void stmt.endOutage.run(at),
    outages: (since: number, until: number) => stmt.outages.all(until, since) as { start: number; end: number | null; state: string; reason: string | null }[],
    /**
     * Received webhooks in a window with Maximizer's times as epoch ms (SQLite reads ISO-8601
     * with any number of fractional digits). Test, edited and imported copies are not deliveries.
     */
    timings(since: number, until: number, entity: string | undefined, limit: number) {
      const where = ["origin IN ('received', 'sandbox')", 'received_at >= ?', 'received_at < ?'];
      const params: unknown[] = [since, until];
      if (entity) (where.push('entity = ? COLLATE NOCASE'), params.push(entity));
      return db
        .prepare(
          `SELECT received_at AS receivedAt,
             round((julianday(timestamp) - 2440587.5) * 86400000.0) AS created,
             round((julianday(processed_timestamp) - 2440587.5) * 86400000.0) AS processed
           FROM events WHERE ${where.join(' AND ')} ORDER BY received_at LIMIT ?`,
        )
        .all(...params, limit) as { receivedAt: number; created: number | null; processed: number | null }[];
    },
  };
}

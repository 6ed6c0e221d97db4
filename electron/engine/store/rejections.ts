import type { Rejection, RejectionTotal } from '@shared/contract';
import type { Db } from './database';

export interface NewRejection {
  receivedAt: number;
  status: number;
  reason: string;
  method: string;
  path: string;
  remote: string;
}

interface RejectionRow {
  id: number;
  received_at: number;
  status: number;
  reason: string;
  method: string;
  path: string;
  remote: string;
}

/** How many refused requests are kept one by one (the UI lists up to 1000); older ones only count. */
export const REJECTIONS_KEPT = 2000;
/** Distinct (status, remote) totals kept; the least recent go first. */
const REJECTION_TOTALS_KEPT = 500;

/**
 * The `rejections` table family: requests the receiver refused (wrong secret, too large, …), kept
 * bounded: the newest one by one, and a count per status and remote address in `rejection_totals`,
 * so a flood of wrong-secret requests cannot grow the file.
 */
export function rejectionsRepository(db: Db) {
  const stmt = {
    insert: db.prepare(
      `INSERT INTO rejections (received_at, status, reason, method, path, remote) VALUES (@receivedAt, @status, @reason, @method, @path, @remote)`,
    ),
    countRejection: db.prepare(
      `INSERT INTO rejection_totals (status, remote, count, last_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (status, remote) DO UPDATE SET count = count + 1, last_at = max(last_at, excluded.last_at)`,
    ),
    trimRejections: db.prepare(`DELETE FROM rejections WHERE id <= ?`),
    trimRejectionTotals: db.prepare(
      `DELETE FROM rejection_totals WHERE (status, remote) IN (SELECT status, remote FROM rejection_totals ORDER BY last_at DESC LIMIT -1 OFFSET ?)`,
    ),
    totals: db.prepare(`SELECT status, remote, count, last_at AS lastAt FROM rejection_totals ORDER BY count DESC LIMIT ?`),
    addCounter: db.prepare(`UPDATE counters SET value = value + ? WHERE name = 'rejected'`),
    list: db.prepare(`SELECT * FROM rejections ORDER BY id DESC LIMIT ?`),
    kept: db.prepare(`SELECT count(*) FROM rejections`).pluck(),
  };

  const insert = db.transaction((items: NewRejection[]): Rejection[] => {
    const out: Rejection[] = [];
    let lastId = 0;
    for (const item of items) {
      lastId = Number(stmt.insert.run(item).lastInsertRowid);
      stmt.countRejection.run(item.status, item.remote, item.receivedAt);
      out.push({
        id: lastId,
        receivedAt: item.receivedAt,
        status: item.status,
        reason: item.reason,
        method: item.method,
        path: item.path,
        remoteAddress: item.remote,
      });
    }
    stmt.addCounter.run(items.length);
    // Bounded: only the newest rows are kept one by one; the totals above keep the rest counted.
    stmt.trimRejections.run(lastId - REJECTIONS_KEPT);
    stmt.trimRejectionTotals.run(REJECTION_TOTALS_KEPT);
    return out;
  });

  return {
    insert: insert.immediate,
    list: (limit: number): Rejection[] =>
      (stmt.list.all(limit) as RejectionRow[]).map((r) => ({
        id: r.id,
        receivedAt: r.received_at,
        status: r.status,
        reason: r.reason,
        method: r.method,
        path: r.path,
        remoteAddress: r.remote,
      })),
    /** Refused requests kept one by one (at most REJECTIONS_KEPT). */
    kept: (): number => stmt.kept.get() as number,
    /** Refused requests counted per status and remote address, most frequent first. */
    totals: (limit = 50): RejectionTotal[] => stmt.totals.all(limit) as RejectionTotal[],
  };
}
export type RejectionsRepository = ReturnType<typeof rejectionsRepository>;

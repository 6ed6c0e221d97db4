import type { ForwardAttempt, ForwardDelivery } from '@shared/contract/forwarding';
import { verdictOf } from '@shared/verdict';
import { withoutFsync, type Db, type StoreOptions } from './database';

export interface NewDelivery {
  kind: ForwardDelivery['kind'];
  ruleId: string | null;
  url: string;
  requestId: number | null;
  eventIds: number[];
  webhookIds: string[];
  createdAt: number;
  maxAttempts: number;
}

interface DeliveryRow {
  id: number;
  kind: ForwardDelivery['kind'];
  rule_id: string | null;
  url: string;
  request_id: number | null;
  webhook_ids: string;
  created_at: number;
  finished_at: number | null;
  state: ForwardDelivery['state'];
  max_attempts: number;
}

interface AttemptRow {
  delivery_id: number;
  attempt: number;
  started_at: number;
  latency_ms: number | null;
  status: number | null;
  outcome: ForwardAttempt['outcome'];
  late: number;
  reason: string | null;
  response_headers: string;
  response_body: Buffer | null;
  response_size: number;
  response_truncated: number;
}

export interface StoredAttempt extends Omit<ForwardAttempt, 'responseBody'> {
  responseBody: Buffer;
}

const toAttempt = (row: AttemptRow): ForwardAttempt => ({
  attempt: row.attempt,
  startedAt: row.started_at,
  latencyMs: row.latency_ms,
  status: row.status,
  outcome: row.outcome,
  late: row.late === 1,
  reason: row.reason,
  responseHeaders: JSON.parse(row.response_headers) as [string, string][],
  responseBody: row.response_body ? row.response_body.toString('utf8') : '',
  responseSize: row.response_size,
  responseTruncated: row.response_truncated === 1,
});

/**
 * The `forward_deliveries` table family: every forward, replay and test send with each attempt
 * and the handler's answer. Its writes skip the fsync: the log is diagnostics, and the
 * receiver's thread must never wait behind it for the write lock for long.
 */
export function deliveriesRepository(db: Db, options: StoreOptions = {}) {
  const relaxed =
    <A extends unknown[], T>(work: (...args: A) => T) =>
    (...args: A): T =>
      withoutFsync(db, options, () => work(...args));
  const stmt = {
    insert: db.prepare(
      `INSERT INTO forward_deliveries (kind, rule_id, url, request_id, webhook_ids, created_at, state, max_attempts)
       VALUES (@kind, @ruleId, @url, @requestId, @webhookIds, @createdAt, 'pending', @maxAttempts)`,
    ),
    link: db.prepare(`INSERT OR IGNORE INTO forward_delivery_events (event_id, delivery_id) VALUES (?, ?)`),
    putAttempt: db.prepare(
      `INSERT OR REPLACE INTO forward_attempts (delivery_id, attempt, started_at, latency_ms, status, outcome, late, reason,
         response_headers, response_body, response_size, response_truncated)
       VALUES (@deliveryId, @attempt, @startedAt, @latencyMs, @status, @outcome, @late, @reason, @headers, @body, @size, @truncated)`,
    ),
    finish: db.prepare(`UPDATE forward_deliveries SET state = ?, finished_at = ? WHERE id = ?`),
    delivery: db.prepare(`SELECT * FROM forward_deliveries WHERE id = ?`),
    attempts: db.prepare(`SELECT * FROM forward_attempts WHERE delivery_id = ? ORDER BY attempt`),
    events: db.prepare(`SELECT event_id FROM forward_delivery_events WHERE delivery_id = ? ORDER BY event_id`),
  };

  const create = db.transaction((d: NewDelivery): number => {
    const id = Number(stmt.insert.run({ ...d, webhookIds: JSON.stringify(d.webhookIds) }).lastInsertRowid);
    for (const eventId of d.eventIds) stmt.link.run(eventId, id);
    return id;
  });

  function hydrate(row: DeliveryRow): ForwardDelivery {
    const attempts = (stmt.attempts.all(row.id) as AttemptRow[]).map(toAttempt);
    return {
      id: row.id,
      kind: row.kind,
      ruleId: row.rule_id,
      url: row.url,
      requestId: row.request_id,
      eventIds: stmt.events.pluck().all(row.id) as number[],
      webhookIds: JSON.parse(row.webhook_ids) as string[],
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      state: row.state,
      maxAttempts: row.max_attempts,
      attempts,
      ...verdictOf(row.state, attempts, row.max_attempts),
    };
  }

  return {
    create: relaxed(create),
    putAttempt: relaxed((deliveryId: number, a: StoredAttempt): void => {
      stmt.putAttempt.run({
        deliveryId,
        attempt: a.attempt,
        startedAt: a.startedAt,
        latencyMs: a.latencyMs,
        status: a.status,
        outcome: a.outcome,
        late: a.late ? 1 : 0,
        reason: a.reason,
        headers: JSON.stringify(a.responseHeaders),
        body: a.responseBody,
        size: a.responseSize,
        truncated: a.responseTruncated ? 1 : 0,
      });
    }),
    finish: relaxed((id: number, state: ForwardDelivery['state'], at: number): void => {
      stmt.finish.run(state, at, id);
    }),
    get(id: number): ForwardDelivery | undefined {
      const row = stmt.delivery.get(id) as DeliveryRow | undefined;
      return row && hydrate(row);
    },
    list(query: { eventId?: number; limit: number; before?: number }): { items: ForwardDelivery[]; nextCursor?: number } {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.eventId !== undefined) (where.push('d.id IN (SELECT delivery_id FROM forward_delivery_events WHERE event_id = ?)'), params.push(query.eventId));
      if (query.before !== undefined) (where.push('d.id < ?'), params.push(query.before));
      const rows = db
        .prepare(`SELECT d.* FROM forward_deliveries d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT ?`)
        .all(...params, query.limit + 1) as DeliveryRow[];
      const items = rows.slice(0, query.limit).map(hydrate);
      return rows.length > query.limit ? { items, nextCursor: items.at(-1)!.id } : { items };
    },
    /** Deliveries left unfinished by a previous run (the process stopped mid-retry). */
    abandon: relaxed(
      (at: number): number => db.prepare(`UPDATE forward_deliveries SET state = 'cancelled', finished_at = ? WHERE state = 'pending'`).run(at).changes,
    ),
    /** Keeps the newest `keep` deliveries. */
    // IMMEDIATE: the receiver's thread writes too (see database.ts).
    prune: relaxed(
      db.transaction((keep: number): number => {
        const cutoff = db.prepare('SELECT id FROM forward_deliveries ORDER BY id DESC LIMIT 1 OFFSET ?').pluck().get(keep) as number | undefined;
        if (cutoff === undefined) return 0;
        db.prepare('DELETE FROM forward_attempts WHERE delivery_id <= ?').run(cutoff);
        db.prepare('DELETE FROM forward_delivery_events WHERE delivery_id <= ?').run(cutoff);
        return db.prepare('DELETE FROM forward_deliveries WHERE id <= ?').run(cutoff).changes;
      }).immediate,
    ),
    clear: relaxed(
      db.transaction(() => {
        db.exec('DELETE FROM forward_attempts; DELETE FROM forward_delivery_events; DELETE FROM forward_deliveries;');
      }).immediate,
    ),
  };
}
export type DeliveriesRepository = ReturnType<typeof deliveriesRepository>;

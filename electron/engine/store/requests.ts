import type { EventSummary, RawRequest } from '@shared/contract';
import type { Statement } from 'better-sqlite3';
import { buf, placeholders, type Db } from './database';

/** One HTTP request as the receiver accepted it: committed before the 200 is sent. */
export interface IncomingRequest {
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  /** Header pairs in arrival order, or already as their JSON text (the receiver builds it without the pairs). */
  headers: [string, string][] | string;
  /** Decoded body bytes (after Content-Encoding). */
  body: Uint8Array;
  /** The bytes as they arrived, kept only when a Content-Encoding was applied. */
  bodyEncoded: Uint8Array | null;
  contentEncoding: string | null;
  /** Why the body could not be decoded; it is then kept as it arrived and flagged. */
  decodeError?: string | null;
  remote: string;
  origin?: EventSummary['origin'];
}

export interface StoredRequest {
  id: number;
  receivedAt: number;
  ackAt: number | null;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  /** Decoded body (what the events were parsed from). */
  body: Buffer;
  /** The bytes as they came over the wire, when a Content-Encoding was undone. */
  bodyEncoded: Buffer | null;
  contentEncoding: string | null;
  decodeError: string | null;
  remote: string;
  status: number;
  origin: EventSummary['origin'];
}

export interface RequestEvent {
  id: number;
  webhookId: string | null;
  entity: string | null;
  op: string | null;
  original: string | null;
  new: string | null;
}

export interface RequestRow {
  id: number;
  received_at: number;
  ack_at: number | null;
  method: string;
  path: string;
  query: string;
  headers: string;
  body: Buffer;
  body_encoded: Buffer | null;
  content_encoding: string | null;
  decode_error: string | null;
  remote: string;
  status: number;
  origin: EventSummary['origin'];
}

const toStoredRequest = (r: RequestRow): StoredRequest => ({
  id: r.id,
  receivedAt: r.received_at,
  ackAt: r.ack_at,
  method: r.method,
  path: r.path,
  query: r.query,
  headers: JSON.parse(r.headers) as [string, string][],
  body: r.body,
  bodyEncoded: r.body_encoded,
  contentEncoding: r.content_encoding,
  decodeError: r.decode_error,
  remote: r.remote,
  status: r.status,
  origin: r.origin,
});

export const toRawRequest = (r: RequestRow): RawRequest => ({
  id: r.id,
  receivedAt: r.received_at,
  ackAt: r.ack_at ?? null,
  method: r.method,
  path: r.path,
  query: r.query,
  headers: JSON.parse(r.headers) as [string, string][],
  bodyBase64: r.body.toString('base64'),
  contentEncoding: r.content_encoding ?? null,
  remoteAddress: r.remote,
  status: r.status,
});

/** The `requests` table: raw requests as they arrived, and which events each one carried. */
export function requestsRepository(db: Db) {
  const stmt = {
    addCounter: db.prepare(`UPDATE counters SET value = value + ? WHERE name = 'requests'`),
    setStatus: db.prepare('UPDATE requests SET status = ? WHERE id = ?'),
    request: db.prepare(`SELECT * FROM requests WHERE id = ?`),
    firstRequest: db.prepare(`SELECT request_id FROM attempts WHERE event_id = ? ORDER BY received_at, request_id LIMIT 1`).pluck(),
    events: db.prepare(
      `SELECT e.id, e.webhook_id AS webhookId, e.entity, e.op, e.original, e.new
       FROM attempts a JOIN events e ON e.id = a.event_id WHERE a.request_id = ? ORDER BY e.id`,
    ),
    eventsOfRequest: db.prepare(`SELECT event_id FROM attempts WHERE request_id = ? ORDER BY event_id`).pluck(),
    same: db.prepare(`SELECT 1 FROM requests WHERE received_at = ? AND body = ? LIMIT 1`).pluck(),
  };

  /**
   * Multi-row INSERTs for the acknowledgement path, prepared once per row count: one
   * statement per group commit instead of one per request. AUTOINCREMENT under the
   * write lock gives the rows of one statement consecutive ids, in order.
   */
  const ROWS_PER_INSERT = 64;
  const insertRows = new Map<number, Statement>();
  const insertRowsOf = (n: number): Statement => {
    let statement = insertRows.get(n);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO requests (received_at, ack_at, method, path, query, headers, body, body_encoded, content_encoding, remote, status, decode_error, origin)
         VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 200, ?, ?)').join(', ')}`,
      );
      insertRows.set(n, statement);
    }
    return statement;
  };

  /** The acknowledgement path: one row per request, nothing parsed, so the 200 goes out fast. Returns the ids in batch order. */
  const insert = db.transaction((batch: IncomingRequest[], ackAt: number): number[] => {
    const ids = new Array<number>(batch.length);
    for (let start = 0; start < batch.length; start += ROWS_PER_INSERT) {
      const n = Math.min(ROWS_PER_INSERT, batch.length - start);
      const params: unknown[] = new Array(n * 12);
      for (let i = 0, p = 0; i < n; i++) {
        const d = batch[start + i]!;
        params[p++] = d.receivedAt;
        params[p++] = ackAt;
        params[p++] = d.method;
        params[p++] = d.path;
        params[p++] = d.query;
        params[p++] = typeof d.headers === 'string' ? d.headers : JSON.stringify(d.headers);
        params[p++] = buf(d.body);
        params[p++] = d.bodyEncoded ? buf(d.bodyEncoded) : null;
        params[p++] = d.contentEncoding;
        params[p++] = d.remote;
        params[p++] = d.decodeError ?? null;
        params[p++] = d.origin ?? 'received';
      }
      const last = Number(insertRowsOf(n).run(params).lastInsertRowid);
      for (let i = 0; i < n; i++) ids[start + i] = last - n + 1 + i;
    }
    stmt.addCounter.run(batch.length);
    return ids;
  });

  return {
    insert,
    /** Whether a request with these exact body bytes, received at this very millisecond, is stored (an import's repeat). */
    has(receivedAt: number, body: Uint8Array): boolean {
      return stmt.same.get(receivedAt, body) !== undefined;
    },
    /** Records what a committed request was answered (response simulation). */
    setStatus(id: number, status: number): void {
      stmt.setStatus.run(status, id);
    },
    get(id: number): StoredRequest | undefined {
      const row = stmt.request.get(id) as RequestRow | undefined;
      return row && toStoredRequest(row);
    },
    /** The request that created an event (its first attempt). */
    firstRequestOf(eventId: number): number | undefined {
      return stmt.firstRequest.get(eventId) as number | undefined;
    },
    eventsOf(requestId: number): RequestEvent[] {
      return stmt.events.all(requestId) as RequestEvent[];
    },
    eventIdsOf(requestId: number): number[] {
      return stmt.eventsOfRequest.all(requestId) as number[];
    },
    /** Every request of each event, in arrival order (export). */
    ofEvents(eventIds: readonly number[]): (StoredRequest & { eventId: number })[] {
      if (!eventIds.length) return [];
      const rows = db
        .prepare(
          `SELECT a.event_id AS event_id, r.* FROM attempts a JOIN requests r ON r.id = a.request_id
           WHERE a.event_id IN (${placeholders(eventIds)}) ORDER BY a.event_id, a.received_at, r.id`,
        )
        .all(...eventIds) as (RequestRow & { event_id: number })[];
      return rows.map((row) => ({ ...toStoredRequest(row), eventId: row.event_id }));
    },
    /** Which events each request carried (export). */
    eventsOfRequests(requestIds: readonly number[]): { requestId: number; id: number; webhookId: string | null }[] {
      if (!requestIds.length) return [];
      return db
        .prepare(
          `SELECT a.request_id AS requestId, e.id, e.webhook_id AS webhookId FROM attempts a JOIN events e ON e.id = a.event_id
           WHERE a.request_id IN (${placeholders(requestIds)}) ORDER BY e.id`,
        )
        .all(...requestIds) as { requestId: number; id: number; webhookId: string | null }[];
    },
  };
}
export type RequestsRepository = ReturnType<typeof requestsRepository>;

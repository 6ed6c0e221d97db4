import type { EventSummary, RawRequest } from '@shared/contract';
import { buf, placeholders, type Db } from './database';

/** One HTTP request as the receiver accepted it: committed before the 200 is sent. */
export interface IncomingRequest {
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
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
    insert: db.prepare(
      `INSERT INTO requests (received_at, ack_at, method, path, query, headers, body, body_encoded, content_encoding, remote, status, decode_error, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 200, ?, ?)`,
    ),
    addCounter: db.prepare(`UPDATE counters SET value = value + ? WHERE name = 'requests'`),
    setStatus: db.prepare('UPDATE requests SET status = ? WHERE id = ?'),
    request: db.prepare(`SELECT * FROM requests WHERE id = ?`),
    firstRequest: db.prepare(`SELECT request_id FROM attempts WHERE event_id = ? ORDER BY received_at, request_id LIMIT 1`).pluck(),
    events: db.prepare(
      `SELECT e.id, e.webhook_id AS webhookId, e.entity, e.op, e.original, e.new
       FROM attempts a JOIN events e ON e.id = a.event_id WHERE a.request_id = ? ORDER BY e.id`,
    ),
    eventsOfRequest: db.prepare(`SELECT event_id FROM attempts WHERE request_id = ? ORDER BY event_id`).pluck(),
  };

  /** The acknowledgement path: one row per request, nothing parsed, so the 200 goes out fast. */
  const insert = db.transaction((batch: IncomingRequest[], ackAt: number): number[] => {
    const ids = batch.map((d) =>
      Number(
        stmt.insert.run(
          d.receivedAt, ackAt, d.method, d.path, d.query, JSON.stringify(d.headers), buf(d.body),
          d.bodyEncoded ? buf(d.bodyEncoded) : null, d.contentEncoding, d.remote, d.decodeError ?? null, d.origin ?? 'received',
        ).lastInsertRowid,
      ),
    );
    stmt.addCounter.run(batch.length);
    return ids;
  });

  return {
    insert,
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

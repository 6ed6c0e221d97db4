import type Database from 'better-sqlite3';
import type { EventSummary } from '@shared/contract';
import { forwardHeaders } from './headers';

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

interface RequestRow {
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

export const toStoredRequest = (r: RequestRow): StoredRequest => ({
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

/** Read access to stored requests and their events, for forwarding, replay and export. */
export function requestReader(db: Database.Database) {
  const stmt = {
    request: db.prepare(`SELECT * FROM requests WHERE id = ?`),
    firstRequest: db.prepare(`SELECT request_id FROM attempts WHERE event_id = ? ORDER BY received_at, request_id LIMIT 1`).pluck(),
    events: db.prepare(
      `SELECT e.id, e.webhook_id AS webhookId, e.entity, e.op, e.original, e.new
       FROM attempts a JOIN events e ON e.id = a.event_id WHERE a.request_id = ? ORDER BY e.id`,
    ),
    eventsOfRequest: db.prepare(`SELECT event_id FROM attempts WHERE request_id = ? ORDER BY event_id`).pluck(),
    eventExists: db.prepare(`SELECT 1 FROM events WHERE id = ?`).pluck(),
  };
  return {
    request(id: number): StoredRequest | undefined {
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
    eventExists(id: number): boolean {
      return stmt.eventExists.get(id) !== undefined;
    },
    /**
     * What a forward sends for a stored request: the bytes as they arrived on the wire (still
     * gzip-compressed if they came so, with their Content-Encoding) and the original headers.
     */
    payload(id: number): { headers: string[]; body: Buffer } | undefined {
      const row = stmt.request.get(id) as RequestRow | undefined;
      if (!row) return undefined;
      const body = row.body_encoded ?? row.body;
      return { headers: forwardHeaders(JSON.parse(row.headers) as [string, string][], body.length), body };
    },
  };
}
export type RequestReader = ReturnType<typeof requestReader>;

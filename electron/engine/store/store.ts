import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EventSummary, ListEventsQuery, RawRequest, RecordEvent, Rejection, RejectionTotal } from '@shared/contract';
import { parseBody, type ParsedBody, type ParsedEvent } from '@shared/envelope';
import { isObject } from '@shared/caseless';
import { describeDrift } from '@shared/shapes/drift';
import { ftsQuery } from './fts';
import { migrate } from './migrations';
import { deliveryRepository } from './delivery';
import { CLEAR_SHAPES_SQL, DRIFT_COLUMN, DRIFT_ONLY_WHERE, pruneDriftSql, shapeRepository } from './shapes';

/** One event as the indexer stored it, for whatever learns from events behind the ack (shapes). */
export interface IndexedEvent {
  id: number;
  entity: string | null;
  op: string | null;
  version: string | null;
  original: unknown;
  new: unknown;
  /** The event object as parsed (envelope keys as sent). */
  source: unknown;
  receivedAt: number;
  origin: EventSummary['origin'];
}

/**
 * Runs inside the indexer's transaction: `event` for each new event (its answer, the
 * drift kinds, goes on the event's summary), `commit` before the transaction ends,
 * `abort` when it rolled back.
 */
export interface IndexHook {
  begin(): void;
  event(event: IndexedEvent): string[];
  commit(): void;
  abort(): void;
}

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

/** What indexing one request produced: new events, or new attempts of known ones. */
export interface StoredDelivery {
  requestId: number;
  created: EventSummary[];
  attempts: { id: number; attempts: number; lastReceivedAt: number }[];
}

export interface NewRejection {
  receivedAt: number;
  status: number;
  reason: string;
  method: string;
  path: string;
  remote: string;
}

export interface Counts {
  events: number;
  requests: number;
  rejected: number;
  /** Requests committed but not yet parsed into events (non-zero only during bursts). */
  pending: number;
}

interface EventRow {
  id: number;
  webhook_id: string | null;
  entity: string | null;
  op: string | null;
  version: string | null;
  attempts: number;
  received_at: number;
  last_received_at: number;
  size: number;
  summary: string;
  record_key: string | null;
  parse_error: string | null;
  origin: EventSummary['origin'];
  /** Comma-separated drift kinds (see store/shapes.ts), null for none. */
  drift?: string | null;
}

const SUMMARY_COLUMNS = `e.id, e.webhook_id, e.entity, e.op, e.version, e.attempts, e.received_at, e.last_received_at, e.size, e.summary, e.record_key, e.parse_error, e.origin, ${DRIFT_COLUMN}`;

export function toSummary(row: EventRow): EventSummary {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    entity: row.entity,
    op: row.op,
    version: row.version,
    attempts: row.attempts,
    receivedAt: row.received_at,
    lastReceivedAt: row.last_received_at,
    size: row.size,
    summary: row.summary,
    recordKey: row.record_key,
    origin: row.origin,
    ...(row.parse_error ? { parseError: row.parse_error } : {}),
    ...(row.drift ? { drift: row.drift.split(',') as NonNullable<EventSummary['drift']> } : {}),
  };
}

/** Field names of Original and New (lower-cased, nested paths flattened one level) for "has field" search. */
function fieldNames(event: ParsedEvent): string {
  const names = new Set<string>();
  for (const section of [event.original, event.new]) {
    if (!isObject(section)) continue;
    for (const key of Object.keys(section)) names.add(key.toLowerCase());
  }
  return [...names].join(' ');
}

/** A body that held no events (not JSON, empty array, undecodable) is still listed, as one flagged event. */
function rawEvent(text: string, parseError: string | undefined): ParsedEvent {
  return {
    webhookId: null, entity: null, op: null, version: null, timestamp: null, processedTimestamp: null,
    workspaceId: null, recipients: null, original: null, new: null, recordKey: null,
    payload: text, summary: parseError ?? 'empty body',
  };
}

interface PendingRow {
  id: number;
  received_at: number;
  body: Buffer;
  decode_error: string | null;
  origin: EventSummary['origin'];
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export interface StoreOptions {
  readonly?: boolean;
  /**
   * The receiver's connection never checkpoints: copying the WAL into the database
   * took ~1 ms of every commit under load. The engine's connection does it instead
   * (see `checkpoint`), off the receiver's thread.
   */
  autoCheckpoint?: boolean;
  /** fsync each group commit (FULL) or only at checkpoints (NORMAL). */
  synchronous?: 'FULL' | 'NORMAL';
}

export type Store = ReturnType<typeof openStore>;

/** How many refused requests are kept one by one (the UI lists up to 1000); older ones only count. */
export const REJECTIONS_KEPT = 2000;
/** Distinct (status, remote) totals kept; the least recent go first. */
const REJECTION_TOTALS_KEPT = 500;

export function openStore(path: string, options: StoreOptions = {}) {
  // Owner-only, like the data folder: SQLite gives its -wal and -shm files the database file's mode.
  if (!options.readonly && path !== ':memory:' && !path.startsWith('file:')) {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  // better-sqlite3's packaged Node-API prebuild: the same file in Node, browser mode and Electron.
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -32000');
  if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
  // After a burst, the WAL file shrinks back instead of keeping its peak size.
  db.pragma('journal_size_limit = 67108864');
  if (!options.readonly) migrate(db);

  const shapes = shapeRepository(db);
  const delivery = deliveryRepository(db);
  let indexHook: IndexHook | undefined;

  const stmt = {
    insertRequest: db.prepare(
      `INSERT INTO requests (received_at, ack_at, method, path, query, headers, body, body_encoded, content_encoding, remote, status, decode_error, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 200, ?, ?)`,
    ),
    pendingRequests: db.prepare(
      `SELECT id, received_at, body, decode_error, origin FROM requests WHERE id > (SELECT value FROM counters WHERE name = 'indexed_upto') ORDER BY id LIMIT ?`,
    ),
    setIndexed: db.prepare(`UPDATE counters SET value = ? WHERE name = 'indexed_upto'`),
    findByWebhookId: db.prepare(`SELECT id, attempts FROM events WHERE webhook_id = ? AND origin = 'received'`),
    insertEvent: db.prepare(
      `INSERT INTO events (webhook_id, entity, op, version, timestamp, processed_timestamp, workspace_id, recipients, original, new,
         record_key, payload, fields, summary, parse_error, size, received_at, last_received_at, origin)
       VALUES (@webhookId, @entity, @op, @version, @timestamp, @processedTimestamp, @workspaceId, @recipients, @original, @new,
         @recordKey, @payload, @fields, @summary, @parseError, @size, @receivedAt, @receivedAt, @origin)`,
    ),
    bumpAttempt: db.prepare(`UPDATE events SET attempts = attempts + 1, last_received_at = ? WHERE id = ?`),
    insertAttempt: db.prepare(`INSERT OR IGNORE INTO attempts (event_id, request_id, received_at) VALUES (?, ?, ?)`),
    insertRejection: db.prepare(
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
    rejectionTotals: db.prepare(`SELECT status, remote, count, last_at AS lastAt FROM rejection_totals ORDER BY count DESC LIMIT ?`),
    addCounter: db.prepare(`UPDATE counters SET value = value + ? WHERE name = ?`),
    counters: db.prepare(`SELECT name, value FROM counters`),
    event: db.prepare(`SELECT * FROM events WHERE id = ?`),
    eventRequests: db.prepare(
      `SELECT r.* FROM attempts a JOIN requests r ON r.id = a.request_id WHERE a.event_id = ? ORDER BY a.received_at, r.id`,
    ),
    rejections: db.prepare(`SELECT * FROM rejections ORDER BY id DESC LIMIT ?`),
    versions: db.prepare(`SELECT entity, version, count, last_seen AS lastSeen FROM entity_versions ORDER BY last_seen DESC`),
    seeVersion: db.prepare(
      `INSERT INTO entity_versions (entity, version, count, last_seen) VALUES (?, ?, 1, ?)
       ON CONFLICT (entity, version) DO UPDATE SET count = count + 1, last_seen = max(last_seen, excluded.last_seen)`,
    ),
  };

  // Two connections write (the receiver's thread and the engine's): every transaction
  // that reads before it writes takes the write lock up front (BEGIN IMMEDIATE), so it
  // waits its turn instead of failing with SQLITE_BUSY_SNAPSHOT.
  const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  /** The acknowledgement path: one row per request, nothing parsed, so the 200 goes out fast. */
  const insertRequests = db.transaction((batch: IncomingRequest[], ackAt: number): number[] => {
    const ids = batch.map((d) =>
      Number(
        stmt.insertRequest.run(
          d.receivedAt, ackAt, d.method, d.path, d.query, JSON.stringify(d.headers), buf(d.body),
          d.bodyEncoded ? buf(d.bodyEncoded) : null, d.contentEncoding, d.remote, d.decodeError ?? null, d.origin ?? 'received',
        ).lastInsertRowid,
      ),
    );
    stmt.addCounter.run(batch.length, 'requests');
    return ids;
  });

  /**
   * Parses committed requests into events, behind the acknowledgement: retries of a
   * known webhook Id become attempts of that event, and the full-text index is fed.
   * Requests are taken in id order, so a crash simply resumes where this stopped.
   */
  const indexChunks = db.transaction((chunk: number, deadline: number): StoredDelivery[] => {
    const results: StoredDelivery[] = [];
    let newEvents = 0;
    indexHook?.begin();
    for (;;) {
      const rows = stmt.pendingRequests.all(chunk) as PendingRow[];
      for (const row of rows) newEvents += indexRequest(row, results);
      if (rows.length) stmt.setIndexed.run(rows.at(-1)!.id);
      if (rows.length < chunk || performance.now() >= deadline) break;
    }
    stmt.addCounter.run(newEvents, 'events');
    indexHook?.commit();
    return results;
  });

  /**
   * Index work is derived from rows that are already durable, so its commits skip
   * the fsync; the receiver's next commit (FULL) makes them durable too.
   */
  function indexPending(chunk = 16, budgetMs = 0): StoredDelivery[] {
    db.pragma('synchronous = NORMAL');
    try {
      return indexChunks.immediate(chunk, performance.now() + budgetMs);
    } catch (error) {
      indexHook?.abort();
      throw error;
    } finally {
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    }
  }

  function indexRequest(request: PendingRow, results: StoredDelivery[]): number {
    let newEvents = 0;
    const text = request.body.toString('utf8');
    const body: ParsedBody = request.decode_error ? { events: [], parseError: request.decode_error } : parseBody(text);
    const result: StoredDelivery = { requestId: request.id, created: [], attempts: [] };
    const receivedAt = request.received_at;
    const origin = request.origin;
    const events: ParsedEvent[] = body.events.length ? body.events : [rawEvent(text, body.parseError)];
    for (const event of events) {
      const existing =
        event.webhookId && origin === 'received'
          ? (stmt.findByWebhookId.get(event.webhookId) as { id: number; attempts: number } | undefined)
          : undefined;
      if (existing) {
        stmt.bumpAttempt.run(receivedAt, existing.id);
        stmt.insertAttempt.run(existing.id, request.id, receivedAt);
        result.attempts.push({ id: existing.id, attempts: existing.attempts + 1, lastReceivedAt: receivedAt });
        continue;
      }
      const row = {
        webhookId: event.webhookId,
        entity: event.entity,
        op: event.op,
        version: event.version,
        timestamp: event.timestamp,
        processedTimestamp: event.processedTimestamp,
        workspaceId: event.workspaceId,
        recipients: json(event.recipients),
        original: json(event.original),
        new: json(event.new),
        recordKey: event.recordKey,
        payload: event.payload,
        fields: fieldNames(event),
        summary: event.summary,
        parseError: body.parseError ?? null,
        size: Buffer.byteLength(event.payload),
        receivedAt,
        origin,
      };
      const id = Number(stmt.insertEvent.run(row).lastInsertRowid);
      if (row.entity !== null && row.version !== null) stmt.seeVersion.run(row.entity, row.version, receivedAt);
      stmt.insertAttempt.run(id, request.id, receivedAt);
      const drift = indexHook?.event({
        id, entity: row.entity, op: row.op, version: row.version, original: event.original, new: event.new, source: event.source, receivedAt, origin,
      });
      newEvents++;
      result.created.push(
        toSummary({
          id, webhook_id: row.webhookId, entity: row.entity, op: row.op, version: row.version, attempts: 1,
          received_at: receivedAt, last_received_at: receivedAt, size: row.size, summary: row.summary,
          record_key: row.recordKey, parse_error: row.parseError, origin, drift: drift?.length ? drift.join(',') : null,
        }),
      );
    }
    results.push(result);
    return newEvents;
  }

  const insertRejections = db.transaction((items: NewRejection[]): Rejection[] => {
    const out: Rejection[] = [];
    let lastId = 0;
    for (const item of items) {
      lastId = Number(stmt.insertRejection.run(item).lastInsertRowid);
      stmt.countRejection.run(item.status, item.remote, item.receivedAt);
      out.push({ id: lastId, receivedAt: item.receivedAt, status: item.status, reason: item.reason, method: item.method, path: item.path, remoteAddress: item.remote });
    }
    stmt.addCounter.run(items.length, 'rejected');
    // Bounded: only the newest rows are kept one by one; the totals above keep the rest counted.
    stmt.trimRejections.run(lastId - REJECTIONS_KEPT);
    stmt.trimRejectionTotals.run(REJECTION_TOTALS_KEPT);
    return out;
  });

  function listEvents(query: ListEventsQuery & { limit: number }): { items: EventSummary[]; nextCursor?: string } {
    const where: string[] = [];
    const params: unknown[] = [];
    let from = 'events e';
    let order = 'e.id DESC';
    const match: string[] = [];
    if (query.text?.trim()) {
      const q = ftsQuery(query.text, 'payload');
      if (q) match.push(q);
    }
    if (query.hasField?.trim()) {
      const q = ftsQuery(query.hasField, 'fields', false);
      if (q) match.push(q);
    }
    if (match.length) {
      // Driving from the FTS index in rowid order stops as soon as a page is full.
      from = 'events_fts f JOIN events e ON e.id = f.rowid';
      where.push('events_fts MATCH ?');
      params.push(match.join(' AND '));
      order = 'f.rowid DESC';
    }
    if (query.entity) (where.push('e.entity = ? COLLATE NOCASE'), params.push(query.entity));
    if (query.op) (where.push('e.op = ? COLLATE NOCASE'), params.push(query.op));
    if (query.since !== undefined) (where.push('e.received_at >= ?'), params.push(query.since));
    if (query.until !== undefined) (where.push('e.received_at <= ?'), params.push(query.until));
    if (query.recordKey) (where.push('e.record_key = ?'), params.push(query.recordKey));
    if (query.parseErrorsOnly) where.push('e.parse_error IS NOT NULL');
    if (query.driftOnly) where.push(DRIFT_ONLY_WHERE);
    if (query.before) {
      const before = Number.parseInt(query.before, 10);
      if (Number.isFinite(before)) (where.push(match.length ? 'f.rowid < ?' : 'e.id < ?'), params.push(before));
    }
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    const rows = db.prepare(sql).all(...params, query.limit + 1) as EventRow[];
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(toSummary);
    const last = items.at(-1);
    return more && last ? { items, nextCursor: String(last.id) } : { items };
  }

  function getEvent(id: number) {
    const row = stmt.event.get(id) as (EventRow & Record<string, unknown>) | undefined;
    if (!row) return undefined;
    const parse = (text: unknown): unknown => (typeof text === 'string' ? JSON.parse(text) : null);
    const requests = (stmt.eventRequests.all(id) as Record<string, unknown>[]).map(
      (r): RawRequest => ({
        id: r.id as number,
        receivedAt: r.received_at as number,
        ackAt: (r.ack_at as number | null) ?? null,
        method: r.method as string,
        path: r.path as string,
        query: r.query as string,
        headers: JSON.parse(r.headers as string) as [string, string][],
        bodyBase64: (r.body as Buffer).toString('base64'),
        contentEncoding: (r.content_encoding as string | null) ?? null,
        remoteAddress: r.remote as string,
        status: r.status as number,
      }),
    );
    return {
      ...toSummary(row),
      timestamp: row.timestamp as string | null,
      processedTimestamp: row.processed_timestamp as string | null,
      workspaceId: row.workspace_id as string | null,
      recipients: parse(row.recipients),
      original: parse(row.original),
      new: parse(row.new),
      payload: row.payload as string,
      requests,
      driftItems: shapes.eventDrift(id).map((d) => ({ ...d, message: describeDrift(d) })),
    };
  }

  /** The newest `limit` events of one record, returned oldest first, with their data (record timeline). */
  function recordEvents(recordKey: string, limit: number): { items: RecordEvent[]; more: boolean } {
    const rows = db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, e.timestamp, e.original, e.new FROM events e WHERE e.record_key = ? ORDER BY e.id DESC LIMIT ?`)
      .all(recordKey, limit + 1) as (EventRow & { timestamp: string | null; original: string | null; new: string | null })[];
    const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
    const items = rows.slice(0, limit).reverse().map((row) => ({
      ...toSummary(row),
      timestamp: row.timestamp,
      original: parse(row.original),
      new: parse(row.new),
    }));
    return { items, more: rows.length > limit };
  }

  function counts(): Counts {
    const values = Object.fromEntries((stmt.counters.all() as { name: string; value: number }[]).map((r) => [r.name, r.value]));
    const last = (db.prepare('SELECT max(id) FROM requests').pluck().get() as number | null) ?? 0;
    return {
      events: values.events ?? 0,
      requests: values.requests ?? 0,
      rejected: values.rejected ?? 0,
      pending: Math.max(0, last - (values.indexed_upto ?? 0)),
    };
  }

  const clear = db.transaction((): number => {
    const deleted = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.exec(`DELETE FROM attempts; DELETE FROM events; DELETE FROM requests; DELETE FROM rejections; DELETE FROM rejection_totals; DELETE FROM entity_versions;
      INSERT INTO events_fts(events_fts) VALUES ('delete-all');
      UPDATE counters SET value = 0 WHERE name NOT IN ('indexed_upto', 'shapes_generation');
      ${CLEAR_SHAPES_SQL}`);
    return deleted;
  });

  /**
   * Deletes the oldest events beyond `maxEvents` or older than `maxAgeMs`, in small
   * chunks so the receiver's commits never wait long for the write lock.
   */
  function prune(limits: { maxEvents?: number | null; maxAgeMs?: number | null; now: number }, chunk = 2000): number {
    let total = 0;
    const pruneChunk = db.transaction((cutoffId: number): number => {
      const ids = db.prepare('SELECT id FROM events WHERE id <= ? ORDER BY id LIMIT ?').pluck().all(cutoffId, chunk) as number[];
      if (!ids.length) return 0;
      const maxId = ids[ids.length - 1]!;
      const requestIds = db
        .prepare('SELECT DISTINCT request_id FROM attempts WHERE event_id <= ?')
        .pluck()
        .all(maxId) as number[];
      db.prepare('DELETE FROM events WHERE id <= ?').run(maxId);
      db.prepare('DELETE FROM attempts WHERE event_id <= ?').run(maxId);
      db.prepare(pruneDriftSql).run(maxId);
      const orphan = db.prepare('DELETE FROM requests WHERE id = ? AND NOT EXISTS (SELECT 1 FROM attempts WHERE request_id = ?)');
      let requests = 0;
      for (const rid of requestIds) requests += orphan.run(rid, rid).changes;
      stmt.addCounter.run(-ids.length, 'events');
      stmt.addCounter.run(-requests, 'requests');
      return ids.length;
    });
    for (;;) {
      let cutoff = 0;
      if (limits.maxEvents != null) {
        const keepFrom = db
          .prepare('SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET ?')
          .pluck()
          .get(limits.maxEvents) as number | undefined;
        if (keepFrom !== undefined) cutoff = keepFrom;
      }
      if (limits.maxAgeMs != null) {
        const old = db
          .prepare('SELECT max(id) FROM events WHERE received_at < ?')
          .pluck()
          .get(limits.now - limits.maxAgeMs) as number | null;
        if (old) cutoff = Math.max(cutoff, old);
      }
      if (!cutoff) return total;
      const n = pruneChunk.immediate(cutoff);
      total += n;
      if (n < chunk) return total;
    }
  }

  return {
    db,
    shapes,
    delivery,
    /** What learns from events as they are indexed (the shape learner); set by whoever runs the indexer. */
    setIndexHook: (hook: IndexHook | undefined) => void (indexHook = hook),
    insertRequests,
    indexPending,
    insertRejections: insertRejections.immediate,
    listEvents,
    getEvent,
    recordEvents,
    counts,
    clear: clear.immediate,
    prune,
    listRejections: (limit: number): Rejection[] =>
      (stmt.rejections.all(limit) as Record<string, unknown>[]).map((r) => ({
        id: r.id as number,
        receivedAt: r.received_at as number,
        status: r.status as number,
        reason: r.reason as string,
        method: r.method as string,
        path: r.path as string,
        remoteAddress: r.remote as string,
      })),
    /** Refused requests counted per status and remote address, most frequent first. */
    rejectionTotals: (limit = 50): RejectionTotal[] => stmt.rejectionTotals.all(limit) as RejectionTotal[],
    entityVersions: () => stmt.versions.all() as { entity: string; version: string; count: number; lastSeen: number }[],
    /** Copies committed WAL frames into the database without blocking the receiver's writes. */
    checkpoint: () => db.pragma('wal_checkpoint(PASSIVE)'),
    close: () => db.close(),
  };
}

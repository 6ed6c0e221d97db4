import type { EventDetail, EventSummary, ListEventsQuery, RecordEvent } from '@shared/contract';
import { entityName } from '@shared/entities';
import { parseBody, type ParsedBody, type ParsedEvent } from '@shared/envelope';
import { INDEX_BOUNDS, jsonTextOverBounds, MAX_INDEXED_BYTES } from '@shared/json-bounds';
import { describeDrift } from '@shared/shapes/drift';
import { json, placeholders, withoutFsync, type Db, type StoreOptions } from './database';
import { fieldIndexText, fieldQuery, payloadSearch } from './fts';
import { SANDBOX_USER_AGENT } from '@shared/origin';
import { toRawRequest, type RequestRow } from './requests';
import type { EventRemoval } from './removal';
import { DRIFT_COLUMN, DRIFT_ONLY_WHERE, type ShapesRepository } from './shapes';

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

/** What indexing one request produced: new events, or new attempts of known ones. */
export interface StoredDelivery {
  requestId: number;
  created: EventSummary[];
  attempts: { id: number; attempts: number; lastReceivedAt: number }[];
}

/** One stored event with the parts a subscription filter reads (filter preview). */
export interface FilterableEvent {
  id: number;
  entity: string;
  op: string;
  original: string | null;
  new: string | null;
  summary: string;
  receivedAt: number;
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
  index_error?: string | null;
  origin: EventSummary['origin'];
  /** Comma-separated drift kinds (see store/shapes.ts), null for none. */
  drift?: string | null;
}

const SUMMARY_COLUMNS = `e.id, e.webhook_id, e.entity, e.op, e.version, e.attempts, e.received_at, e.last_received_at, e.size, e.summary, e.record_key, e.parse_error, e.index_error, e.origin, ${DRIFT_COLUMN}`;

function toSummary(row: EventRow): EventSummary {
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
    ...(row.index_error ? { indexError: row.index_error } : {}),
    ...(row.drift ? { drift: row.drift.split(',') as NonNullable<EventSummary['drift']> } : {}),
  };
}

/** Field names and nested paths of Original and New for "has field" search. */
const fieldNames = (event: ParsedEvent): string => fieldIndexText([event.original, event.new]);

/** A body that held no events (not JSON, empty array, undecodable) is still listed, as one flagged event. */
function rawEvent(text: string, parseError: string | undefined): ParsedEvent {
  return {
    webhookId: null,
    entity: null,
    op: null,
    version: null,
    timestamp: null,
    processedTimestamp: null,
    workspaceId: null,
    recipients: null,
    original: null,
    new: null,
    recordKey: null,
    payload: text,
    summary: parseError ?? 'empty body',
  };
}

interface PendingRow {
  id: number;
  received_at: number;
  body: Buffer;
  decode_error: string | null;
  origin: EventSummary['origin'];
  /** Sent by the built-in sandbox (its User-Agent). */
  sandbox: number;
}

/** Indexing one request threw: which one, so it can be set aside (see `failed`). */
class RequestIndexError extends Error {
  constructor(
    readonly requestId: number,
    cause: unknown,
  ) {
    super(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause), { cause });
  }
}

const parseJson = (text: unknown): unknown => (typeof text === 'string' ? JSON.parse(text) : null);

/**
 * The `events` table family: parsed events, their attempts, full-text index and Entity × Version.
 * `shapes` gives each event's drift findings (the shapes' own tables are written by the learner's hook);
 * `remove` is the store's one removal path (removal.ts), shared with clear.
 */
export function eventsRepository(db: Db, shapes: ShapesRepository, remove: EventRemoval, options: StoreOptions = {}) {
  let indexHook: IndexHook | undefined;

  const stmt = {
    pendingRequests: db.prepare(
      `SELECT id, received_at, body, decode_error, origin, instr(headers, '${SANDBOX_USER_AGENT}') > 0 AS sandbox FROM requests WHERE id > (SELECT value FROM counters WHERE name = 'indexed_upto') ORDER BY id LIMIT ?`,
    ),
    setIndexed: db.prepare(`UPDATE counters SET value = ? WHERE name = 'indexed_upto'`),
    findByWebhookId: db.prepare(`SELECT id, attempts FROM events WHERE webhook_id = ? AND origin = 'received'`),
    findSandboxByWebhookId: db.prepare(`SELECT id, attempts FROM events WHERE webhook_id = ? AND origin = 'sandbox'`),
    findImportedByWebhookId: db.prepare(`SELECT id, attempts FROM events WHERE webhook_id = ? AND origin = 'imported'`),
    insertEvent: db.prepare(
      `INSERT INTO events (webhook_id, entity, op, version, timestamp, processed_timestamp, workspace_id, recipients, original, new,
         record_key, payload, fields, summary, parse_error, index_error, size, received_at, last_received_at, origin)
       VALUES (@webhookId, @entity, @op, @version, @timestamp, @processedTimestamp, @workspaceId, @recipients, @original, @new,
         @recordKey, @payload, @fields, @summary, @parseError, @indexError, @size, @receivedAt, @receivedAt, @origin)`,
    ),
    bumpAttempt: db.prepare(`UPDATE events SET attempts = attempts + 1, last_received_at = ? WHERE id = ?`),
    insertAttempt: db.prepare(`INSERT OR IGNORE INTO attempts (event_id, request_id, received_at) VALUES (?, ?, ?)`),
    addCounter: db.prepare(`UPDATE counters SET value = value + ? WHERE name = ?`),
    eventCount: db.prepare(`SELECT value FROM counters WHERE name = 'events'`).pluck(),
    rawUpto: db.prepare(`SELECT value FROM counters WHERE name = 'fts_raw_upto'`).pluck(),
    setRawUpto: db.prepare(`UPDATE counters SET value = ? WHERE name = 'fts_raw_upto'`),
    unindexRaw: db.prepare(
      `INSERT INTO events_fts(events_fts, rowid, payload, fields) SELECT 'delete', id, payload, fields FROM events WHERE id > ? AND id <= ?`,
    ),
    indexText: db.prepare(`INSERT INTO events_fts(rowid, payload, fields) SELECT id, mwi_fts_text(payload), fields FROM events WHERE id > ? AND id <= ?`),
    nthOldest: db.prepare('SELECT id FROM events ORDER BY id LIMIT 1 OFFSET ?').pluck(),
    // Through the received_at index: max() over the rowid walks the table from its newest end.
    newestOld: db.prepare(`SELECT max(id) FROM events INDEXED BY events_received WHERE received_at < ? AND origin <> 'imported'`).pluck(),
    event: db.prepare(`SELECT * FROM events WHERE id = ?`),
    eventRequests: db.prepare(`SELECT r.* FROM attempts a JOIN requests r ON r.id = a.request_id WHERE a.event_id = ? ORDER BY a.received_at, r.id`),
    // `lead` and `Lead` are one entity (CONTRACT §5: the samples spell it both ways): one row per entity and version.
    versions: db.prepare(
      `SELECT min(entity) AS entity, version, sum(count) AS count, max(last_seen) AS lastSeen FROM entity_versions
       GROUP BY entity COLLATE NOCASE, version ORDER BY lastSeen DESC`,
    ),
    seeVersion: db.prepare(
      `INSERT INTO entity_versions (entity, version, count, last_seen) VALUES (?, ?, 1, ?)
       ON CONFLICT (entity, version) DO UPDATE SET count = count + 1, last_seen = max(last_seen, excluded.last_seen)`,
    ),
    ofEntityOp: db.prepare(
      `SELECT id, entity, op, original, new, summary, received_at AS receivedAt FROM events
       WHERE entity = ? COLLATE NOCASE AND op = ? COLLATE NOCASE ORDER BY id DESC LIMIT ?`,
    ),
  };

  /**
   * Requests whose indexing threw, with the error: the chunk that met one is rolled back and
   * indexed again at once, that request in the minimal way (`indexFallback`), so one webhook
   * never stops the ones after it and is never retried in a loop. In memory only: after a
   * restart the same request fails the same way once more and is set aside again.
   */
  const failed = new Map<number, string>();

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
      for (const row of rows) {
        const error = failed.get(row.id);
        if (error !== undefined) {
          newEvents += indexFallback(row, error, results);
          continue;
        }
        try {
          newEvents += indexRequest(row, results);
        } catch (cause) {
          throw new RequestIndexError(row.id, cause);
        }
      }
      if (rows.length) stmt.setIndexed.run(rows.at(-1)!.id);
      if (rows.length < chunk || performance.now() >= deadline) break;
    }
    stmt.addCounter.run(newEvents, 'events');
    indexHook?.commit();
    return results;
  });

  const originOf = (request: PendingRow): EventSummary['origin'] => (request.origin === 'received' && request.sandbox ? 'sandbox' : request.origin);

  /** Parses a body within INDEX_BOUNDS; a body past them is listed unparsed, with the reason. */
  function parseBounded(request: PendingRow, text: string): { body: ParsedBody; indexError: string | null } {
    if (request.decode_error) return { body: { events: [], parseError: request.decode_error }, indexError: null };
    const size = request.body.length;
    const over =
      size > MAX_INDEXED_BYTES
        ? `${size.toLocaleString('en-US')} bytes, over the ${MAX_INDEXED_BYTES.toLocaleString('en-US')} the indexer parses`
        : jsonTextOverBounds(text, INDEX_BOUNDS);
    if (over) return { body: { events: [] }, indexError: `Not parsed: the body ${over}` };
    return { body: parseBody(text), indexError: null };
  }

  /** Two lookups, so each uses its origin's partial index. */
  const knownWebhook = (webhookId: string) =>
    (stmt.findByWebhookId.get(webhookId) ?? stmt.findSandboxByWebhookId.get(webhookId)) as { id: number; attempts: number } | undefined;

  function indexRequest(request: PendingRow, results: StoredDelivery[]): number {
    let newEvents = 0;
    const text = request.body.toString('utf8');
    const { body, indexError } = parseBounded(request, text);
    const result: StoredDelivery = { requestId: request.id, created: [], attempts: [] };
    const receivedAt = request.received_at;
    const origin = originOf(request);
    const events: ParsedEvent[] = body.events.length ? body.events : [rawEvent(text, indexError ?? body.parseError)];
    for (const event of events) {
      if (retried(event, request, origin, result)) continue;
      const row = {
        ...eventColumns(event, request, origin),
        recipients: json(event.recipients),
        original: json(event.original),
        new: json(event.new),
        fields: fieldNames(event),
        parseError: body.parseError ?? null,
        indexError,
      };
      const id = insertEvent(row, request);
      const drift = indexHook?.event({
        id,
        entity: row.entity,
        op: row.op,
        version: row.version,
        original: event.original,
        new: event.new,
        source: event.source,
        receivedAt,
        origin,
      });
      newEvents++;
      result.created.push(createdSummary(id, row, drift));
    }
    results.push(result);
    return newEvents;
  }

  /** A retry (same webhook Id) of a real, sandbox or imported delivery becomes an attempt of the first one. */
  function retried(event: ParsedEvent, request: PendingRow, origin: EventSummary['origin'], result: StoredDelivery): boolean {
    // Whether Maximizer or the sandbox sent either (a body replayed through the sandbox is the same
    // webhook, CONTRACT §4: dedupe on Id). An empty Id is an Id too: the unique index says so.
    // An imported retry becomes an attempt of the imported event (an import brings every request of an event back).
    const live = origin === 'received' || origin === 'sandbox';
    const existing =
      event.webhookId === null
        ? undefined
        : live
          ? knownWebhook(event.webhookId)
          : origin === 'imported'
            ? (stmt.findImportedByWebhookId.get(event.webhookId) as { id: number; attempts: number } | undefined)
            : undefined;
    if (!existing) return false;
    stmt.bumpAttempt.run(request.received_at, existing.id);
    stmt.insertAttempt.run(existing.id, request.id, request.received_at);
    result.attempts.push({ id: existing.id, attempts: existing.attempts + 1, lastReceivedAt: request.received_at });
    return true;
  }

  type EventColumns = ReturnType<typeof eventColumns> & {
    recipients: string | null;
    original: string | null;
    new: string | null;
    fields: string;
    parseError: string | null;
    indexError: string | null;
  };

  function eventColumns(event: ParsedEvent, request: PendingRow, origin: EventSummary['origin']) {
    return {
      webhookId: event.webhookId,
      entity: event.entity,
      op: event.op,
      version: event.version,
      timestamp: event.timestamp,
      processedTimestamp: event.processedTimestamp,
      workspaceId: event.workspaceId,
      recordKey: event.recordKey,
      payload: event.payload,
      summary: event.summary,
      size: Buffer.byteLength(event.payload),
      receivedAt: request.received_at,
      origin,
    };
  }

  function insertEvent(row: EventColumns, request: PendingRow): number {
    const id = Number(stmt.insertEvent.run(row).lastInsertRowid);
    if (row.entity !== null && row.version !== null) stmt.seeVersion.run(row.entity, row.version, row.receivedAt);
    stmt.insertAttempt.run(id, request.id, row.receivedAt);
    return id;
  }

  const createdSummary = (id: number, row: EventColumns, drift?: string[]): EventSummary =>
    toSummary({
      id,
      webhook_id: row.webhookId,
      entity: row.entity,
      op: row.op,
      version: row.version,
      attempts: 1,
      received_at: row.receivedAt,
      last_received_at: row.receivedAt,
      size: row.size,
      summary: row.summary,
      record_key: row.recordKey,
      parse_error: row.parseError,
      index_error: row.indexError,
      origin: row.origin,
      drift: drift?.length ? drift.join(',') : null,
    });

  /**
   * A request whose indexing threw: listed as one event per envelope with the envelope's own
   * scalars (Id, Entity, Op, Version…) when the body parses, else as the raw body, with the
   * error. Nothing else walks it (no diff columns, field index, shapes or dedupe), so this
   * cannot throw for the payload's sake; the raw request stays viewable.
   */
  function indexFallback(request: PendingRow, error: string, results: StoredDelivery[]): number {
    const text = request.body.toString('utf8');
    const origin = originOf(request);
    const indexError = `Indexing failed: ${error}`.slice(0, 500);
    let events: ParsedEvent[];
    let parseError: string | null = null;
    try {
      const { body } = parseBounded(request, text);
      events = body.events;
      parseError = body.parseError ?? null;
    } catch {
      events = [];
    }
    const insertAll = db.transaction((list: ParsedEvent[]): StoredDelivery => {
      const result: StoredDelivery = { requestId: request.id, created: [], attempts: [] };
      for (const event of list) {
        if (retried(event, request, origin, result)) continue;
        const columns = eventColumns({ ...event, summary: event.summary || indexError }, request, origin);
        const row: EventColumns = { ...columns, recipients: null, original: null, new: null, fields: '', parseError, indexError };
        result.created.push(createdSummary(insertEvent(row, request), row));
      }
      return result;
    });
    let result: StoredDelivery;
    try {
      // A savepoint: if even the envelope's scalars cannot be stored, the raw body alone is.
      result = insertAll(events.length ? events : [rawEvent(text, indexError)]);
    } catch {
      result = insertAll([rawEvent(text, indexError)]);
    }
    results.push(result);
    return result.created.length;
  }

  /** The FROM and WHERE of a filtered list, shared by the page query and the count. */
  function filterSql(query: Omit<NonNullable<ListEventsQuery>, 'limit' | 'before'>) {
    const where: string[] = [];
    const params: unknown[] = [];
    let from = 'events e';
    let order = 'e.id DESC';
    const match: string[] = [];
    if (query.text?.trim()) {
      const search = payloadSearch(query.text, 'payload');
      if (search.match) match.push(search.match);
      for (const forms of search.literals) {
        where.push(`(${forms.map(() => 'instr(e.payload, ?) > 0').join(' OR ')})`);
        params.push(...forms);
      }
    }
    if (query.hasField?.trim()) {
      const q = fieldQuery(query.hasField, 'fields');
      if (q) match.push(q);
    }
    if (match.length) {
      // Driving from the FTS index in rowid order stops as soon as a page is full.
      from = 'events_fts f JOIN events e ON e.id = f.rowid';
      where.unshift('events_fts MATCH ?');
      params.unshift(match.join(' AND '));
      order = 'f.rowid DESC';
    }
    if (query.entity) (where.push('e.entity = ? COLLATE NOCASE'), params.push(query.entity));
    if (query.op) (where.push('e.op = ? COLLATE NOCASE'), params.push(query.op));
    if (query.since !== undefined) (where.push('e.received_at >= ?'), params.push(query.since));
    if (query.until !== undefined) (where.push('e.received_at <= ?'), params.push(query.until));
    if (query.recordKey) (where.push('e.record_key = ?'), params.push(query.recordKey));
    if (query.parseErrorsOnly) where.push('e.parse_error IS NOT NULL');
    if (query.driftOnly) where.push(DRIFT_ONLY_WHERE);
    return { from, where, params, order, fts: match.length > 0 };
  }

  function list(query: ListEventsQuery & { limit: number }): { items: EventSummary[]; nextCursor?: string } {
    const { from, where, params, order, fts } = filterSql(query);
    if (query.before) {
      const before = Number.parseInt(query.before, 10);
      if (Number.isFinite(before)) (where.push(fts ? 'f.rowid < ?' : 'e.id < ?'), params.push(before));
    }
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    const rows = db.prepare(sql).all(...params, query.limit + 1) as EventRow[];
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(toSummary);
    const last = items.at(-1);
    return more && last ? { items, nextCursor: String(last.id) } : { items };
  }

  /**
   * Moves the newest `chunk` ids still indexed with their JSON text (stored before schema 8) to the
   * unescaped text, in one transaction with the watermark the delete trigger reads. Returns how many
   * ids are left (0: done).
   */
  const reindexText = (chunk: number): number =>
    db
      .transaction(() => {
        const upto = (stmt.rawUpto.get() as number | undefined) ?? 0;
        if (upto <= 0) return 0;
        const from = Math.max(0, upto - chunk);
        stmt.unindexRaw.run(from, upto);
        stmt.indexText.run(from, upto);
        stmt.setRawUpto.run(from);
        return from;
      })
      .immediate();

  /**
   * How many events match a list's filters. No filter, or a search alone, is counted exactly (in the
   * FTS index, without touching events: ~0.3 s for a word in half of 1M events). A search with other
   * filters joins every match to its event (~7 s at 1M for a broad word), so it stops at `cap` and
   * says so (`exact: false`).
   */
  function count(query: Omit<NonNullable<ListEventsQuery>, 'limit' | 'before'>, cap = 100_000): { count: number; exact: boolean } {
    const { from, where, params, fts } = filterSql(query);
    if (!where.length) return { count: stmt.eventCount.get() as number, exact: true };
    if (fts && where.length === 1)
      return {
        count: db
          .prepare('SELECT count(*) FROM events_fts WHERE events_fts MATCH ?')
          .pluck()
          .get(...params) as number,
        exact: true,
      };
    const n = db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ?)`)
      .pluck()
      .get(...params, cap + 1) as number;
    return n > cap ? { count: cap, exact: false } : { count: n, exact: true };
  }

  function get(id: number): EventDetail | undefined {
    const row = stmt.event.get(id) as (EventRow & Record<string, unknown>) | undefined;
    if (!row) return undefined;
    return {
      ...toSummary(row),
      timestamp: row.timestamp as string | null,
      processedTimestamp: row.processed_timestamp as string | null,
      workspaceId: row.workspace_id as string | null,
      recipients: parseJson(row.recipients),
      original: parseJson(row.original),
      new: parseJson(row.new),
      payload: row.payload as string,
      requests: (stmt.eventRequests.all(id) as RequestRow[]).map(toRawRequest),
      driftItems: shapes.eventDrift(id).map((d) => ({ ...d, message: describeDrift(d) })),
    };
  }

  /** The newest `limit` events of one record, returned oldest first, with their data (record timeline). */
  function ofRecord(recordKey: string, limit: number): { items: RecordEvent[]; more: boolean } {
    const rows = db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, e.timestamp, e.original, e.new FROM events e WHERE e.record_key = ? ORDER BY e.id DESC LIMIT ?`)
      .all(recordKey, limit + 1) as (EventRow & { timestamp: string | null; original: string | null; new: string | null })[];
    const items = rows
      .slice(0, limit)
      .reverse()
      .map((row) => ({
        ...toSummary(row),
        timestamp: row.timestamp,
        original: parseJson(row.original),
        new: parseJson(row.new),
      }));
    return { items, more: rows.length > limit };
  }

  /** Deletes chosen events and what hangs off them (see removal.ts). */
  const deleteChosen = db.transaction((ids: readonly number[]): number => remove({ ids }).events);

  /**
   * Deletes the oldest events beyond `maxEvents` or older than `maxAgeMs`, in small
   * chunks so the receiver's commits never wait long for the write lock.
   */
  function prune(limits: { maxEvents?: number | null; maxAgeMs?: number | null; now: number }, chunk = 2000): number {
    let total = 0;
    const pruneChunk = db.transaction((cutoffId: number): number => {
      const last = stmt.nthOldest.get(chunk - 1) as number | undefined;
      return remove({ upTo: last === undefined ? cutoffId : Math.min(last, cutoffId) }).events;
    });
    const cutoff = pruneCutoff(limits);
    if (!cutoff) return 0;
    for (;;) {
      const n = pruneChunk.immediate(cutoff);
      total += n;
      if (n < chunk) return total;
    }
  }

  /**
   * The last event id retention deletes (0: none), found once per pass. The lookups touch only
   * the excess and the old events: at 1,000,000 events an OFFSET from the newest end and a max()
   * over the rowid read the whole table, ~0.7 s of the engine's thread every minute, and pushed
   * everything else out of the page cache.
   */
  function pruneCutoff(limits: { maxEvents?: number | null; maxAgeMs?: number | null; now: number }): number {
    let cutoff = 0;
    if (limits.maxEvents != null) {
      const excess = (stmt.eventCount.get() as number) - limits.maxEvents;
      if (excess > 0) cutoff = (stmt.nthOldest.get(excess - 1) as number | undefined) ?? 0;
    }
    if (limits.maxAgeMs != null) {
      // Imported events carry their original (old) time but new ids: they age from their import,
      // by id order, and never pull newer events into the cut.
      const old = stmt.newestOld.get(limits.now - limits.maxAgeMs) as number | null;
      if (old) cutoff = Math.max(cutoff, old);
    }
    return cutoff;
  }

  return {
    /** What learns from events as they are indexed (the shape learner); set by whoever runs the indexer. */
    setIndexHook: (hook: IndexHook | undefined) => void (indexHook = hook),
    /**
     * Index work is derived from rows that are already durable, so its commits skip
     * the fsync; the receiver's next commit (FULL) makes them durable too.
     */
    indexPending(chunk = 16, budgetMs = 0): StoredDelivery[] {
      const deadline = performance.now() + budgetMs;
      for (;;) {
        try {
          const stored = withoutFsync(db, options, () => indexChunks.immediate(chunk, deadline));
          for (const { requestId } of stored) failed.delete(requestId);
          return stored;
        } catch (error) {
          indexHook?.abort();
          // The chunk rolled back; it runs again with that request set aside. Anything else
          // (the disk, a lock) is not the payload's fault: the indexer retries the chunk later.
          if (!(error instanceof RequestIndexError) || failed.has(error.requestId)) throw error;
          failed.set(error.requestId, error.message);
        }
      }
    },
    list,
    count,
    reindexText,
    get,
    ofRecord,
    prune,
    delete: deleteChosen.immediate,
    /** Summaries with the payload as received, in id order (export). */
    withPayload(ids: readonly number[]): (EventSummary & { payload: string })[] {
      if (!ids.length) return [];
      const rows = db
        .prepare(`SELECT ${SUMMARY_COLUMNS}, e.payload FROM events e WHERE e.id IN (${placeholders(ids)}) ORDER BY e.id`)
        .all(...ids) as (EventRow & { payload: string })[];
      return rows.map((row) => ({ ...toSummary(row), payload: row.payload }));
    },
    /** The newest events of one Entity × Op, newest first, read lazily (filter preview). */
    ofEntityOp: (entity: string, op: string, cap: number) => stmt.ofEntityOp.iterate(entity, op, cap) as IterableIterator<FilterableEvent>,
    versions: () =>
      (stmt.versions.all() as { entity: string; version: string; count: number; lastSeen: number }[]).map((row) => ({
        ...row,
        entity: entityName(row.entity),
      })),
  };
}
export type EventsRepository = ReturnType<typeof eventsRepository>;

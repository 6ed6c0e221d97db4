import type Database from 'better-sqlite3';

/**
 * Versioned migrations: each runs once, in order, inside a transaction, and
 * `user_version` records how far a database has come. Most are SQL; one that must read the
 * schema first is a function.
 */
const migrations: (string | ((db: Database.Database) => void))[] = [
  // 1: raw requests, parsed events, attempts, rejections, full-text search
  `
  -- AUTOINCREMENT: ids never come back after a clear or prune, so the indexing cursor stays valid.
  CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at INTEGER NOT NULL,
    ack_at INTEGER,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    body_encoded BLOB,
    content_encoding TEXT,
    remote TEXT NOT NULL,
    status INTEGER NOT NULL,
    -- why the body could not be decoded (bad gzip, unknown encoding); the bytes are kept as they came
    decode_error TEXT,
    origin TEXT NOT NULL DEFAULT 'received'
  );

  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    webhook_id TEXT,
    entity TEXT,
    op TEXT,
    version TEXT,
    timestamp TEXT,
    processed_timestamp TEXT,
    workspace_id TEXT,
    recipients TEXT,
    original TEXT,
    new TEXT,
    record_key TEXT,
    payload TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL,
    parse_error TEXT,
    size INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    received_at INTEGER NOT NULL,
    last_received_at INTEGER NOT NULL,
    origin TEXT NOT NULL DEFAULT 'received'
  );
  CREATE UNIQUE INDEX events_webhook_id ON events(webhook_id) WHERE webhook_id IS NOT NULL AND origin = 'received';
  CREATE INDEX events_entity_op ON events(entity COLLATE NOCASE, op COLLATE NOCASE);
  CREATE INDEX events_received ON events(received_at);
  CREATE INDEX events_record ON events(record_key) WHERE record_key IS NOT NULL;
  CREATE INDEX events_parse_error ON events(id) WHERE parse_error IS NOT NULL;

  CREATE TABLE attempts (
    event_id INTEGER NOT NULL,
    request_id INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, request_id)
  ) WITHOUT ROWID;
  CREATE INDEX attempts_request ON attempts(request_id);

  CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    status INTEGER NOT NULL,
    reason TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    remote TEXT NOT NULL
  );

  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  -- indexed_upto: the last request whose body was parsed into events (requests are indexed in id order)
  INSERT INTO counters VALUES ('events', 0), ('requests', 0), ('rejected', 0), ('indexed_upto', 0);

  -- External-content FTS: the text lives once, in events; the index holds tokens only.
  CREATE VIRTUAL TABLE events_fts USING fts5(payload, fields, content='events', content_rowid='id');
  CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, payload, fields) VALUES (new.id, new.payload, new.fields);
  END;
  CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, payload, fields) VALUES ('delete', old.id, old.payload, old.fields);
  END;
  `,
  // 2: forwarding — each delivery (forward, replay, test send) and its attempts, with the handler's answers
  `
  CREATE TABLE forward_deliveries (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    rule_id TEXT,
    url TEXT NOT NULL,
    -- the stored request whose bytes were sent; NULL for a test event sent straight to a URL
    request_id INTEGER,
    webhook_ids TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    state TEXT NOT NULL,
    max_attempts INTEGER NOT NULL
  );
  -- which events a delivery carried (a multi-event body is one delivery; an edited replay names its source too)
  CREATE TABLE forward_delivery_events (
    event_id INTEGER NOT NULL,
    delivery_id INTEGER NOT NULL,
    PRIMARY KEY (event_id, delivery_id)
  ) WITHOUT ROWID;
  CREATE INDEX forward_delivery_events_delivery ON forward_delivery_events(delivery_id);

  CREATE TABLE forward_attempts (
    delivery_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    latency_ms REAL,
    status INTEGER,
    outcome TEXT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    response_headers TEXT NOT NULL DEFAULT '[]',
    response_body BLOB,
    response_size INTEGER NOT NULL DEFAULT 0,
    response_truncated INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (delivery_id, attempt)
  ) WITHOUT ROWID;
  `,
  // 3: Entity × Version seen, kept up to date by the indexer: a GROUP BY over every
  // event took ~0.5 s at 100k events and held up every other call behind it.
  `
  CREATE TABLE entity_versions (
    entity TEXT NOT NULL COLLATE NOCASE,
    version TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (entity, version)
  ) WITHOUT ROWID;
  INSERT INTO entity_versions (entity, version, count, last_seen)
    SELECT entity, version, count(*), max(received_at) FROM events
    WHERE entity IS NOT NULL AND version IS NOT NULL GROUP BY entity COLLATE NOCASE, version;
  `,
  // 4: refused requests are kept bounded: the last few thousand in \`rejections\`, and a count per
  // status and remote address here, so a flood of wrong-secret requests cannot grow the file.
  `
  CREATE TABLE rejection_totals (
    status INTEGER NOT NULL,
    remote TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (status, remote)
  ) WITHOUT ROWID;
  INSERT INTO rejection_totals (status, remote, count, last_at)
    SELECT status, remote, count(*), max(received_at) FROM rejections GROUP BY status, remote;
  DELETE FROM rejections WHERE id <= (SELECT max(id) FROM rejections) - 2000;
  `,
  // 5: shapes learned by the indexer (Entity × Op × kind × major), their fields, and drift flags
  `
  CREATE TABLE shapes (
    id INTEGER PRIMARY KEY,
    entity_key TEXT NOT NULL,
    entity TEXT NOT NULL,
    op TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- -1 when the version is missing or unparseable
    major INTEGER NOT NULL,
    -- JSON: version text → events, e.g. {"1.0": 3, "1.1": 40}; entity spellings as sent
    versions TEXT NOT NULL,
    spellings TEXT NOT NULL,
    -- JSON: the envelope's own keys (Id, Data.Op, Data.New…) with spellings, types and counts, for typed models
    envelope TEXT NOT NULL DEFAULT '{}',
    events INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    first_event_id INTEGER NOT NULL,
    last_event_id INTEGER NOT NULL,
    UNIQUE (entity_key, op, kind, major)
  );
  CREATE TABLE shape_fields (
    shape_id INTEGER NOT NULL,
    path TEXT NOT NULL,
    spellings TEXT NOT NULL,
    types TEXT NOT NULL,
    events INTEGER NOT NULL,
    in_original INTEGER NOT NULL,
    in_new INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    first_event_id INTEGER NOT NULL,
    last_event_id INTEGER NOT NULL,
    examples TEXT NOT NULL,
    PRIMARY KEY (shape_id, path)
  ) WITHOUT ROWID;
  CREATE TABLE shape_drift (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    shape_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    path TEXT,
    type TEXT,
    previous TEXT,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX shape_drift_event ON shape_drift(event_id);
  CREATE INDEX shape_drift_shape ON shape_drift(shape_id, id);
  -- bumped by a clear, so the indexer's in-memory copy of the shapes knows to reload
  INSERT INTO counters VALUES ('shapes_generation', 0);
  -- while the tunnel was enabled but down (reconnecting/offline): marked as gaps on the delivery charts
  CREATE TABLE tunnel_outages (
    id INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    state TEXT NOT NULL,
    reason TEXT
  );
  `,
  // 6: retries of sandbox deliveries (origin 'sandbox') are found by webhook Id like Maximizer's own.
  `
  CREATE INDEX events_webhook_id_sandbox ON events(webhook_id) WHERE webhook_id IS NOT NULL AND origin = 'sandbox';
  `,
  // 7: event ids are never handed out twice. Without AUTOINCREMENT, deleting the newest event let
  // the next one take its id, and with it whatever still pointed at that id (drift flags).
  eventIdsNeverReused,
  // 8: the full-text index holds each payload's text with JSON escapes undone and record keys decoded
  // (mwi_fts_text, registered on every connection by openDatabase), not the JSON as sent: a word after
  // a \n in a string was indexed as "nWord". New events get the new text at once; events already
  // stored (ids up to fts_raw_upto) keep their old tokens until the engine's background reindex
  // (events.reindexText) reaches them, newest first — rebuilding in the migration held the app's
  // start for ~9 s per 100k events. The delete trigger removes whichever text an event was indexed with.
  `
  INSERT INTO counters VALUES ('fts_raw_upto', (SELECT coalesce(max(id), 0) FROM events));
  DROP TRIGGER events_fts_insert;
  DROP TRIGGER events_fts_delete;
  CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, payload, fields) VALUES (new.id, mwi_fts_text(new.payload), new.fields);
  END;
  CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, payload, fields) VALUES ('delete', old.id,
      CASE WHEN old.id <= (SELECT value FROM counters WHERE name = 'fts_raw_upto') THEN old.payload ELSE mwi_fts_text(old.payload) END, old.fields);
  END;
  `,
  // 9: import is idempotent (a request with the same bytes and received time is not stored twice: found
  // by received_at), and the retries of an imported event become its attempts again (by webhook Id).
  `
  CREATE INDEX requests_received_at ON requests(received_at);
  CREATE INDEX events_webhook_id_imported ON events(webhook_id) WHERE webhook_id IS NOT NULL AND origin = 'imported';
  `,
  // 10: what indexing could not do for an event (a bound hit, a step that failed); the event is listed anyway.
  // An event with an index error over the indexed size is kept out of the full-text index: tokenizing
  // megabytes would hold the receiver's thread. Insert and delete use the same condition, so the
  // external-content index stays consistent (every older row has no index error). The text indexed
  // is migration 8's.
  `
  ALTER TABLE events ADD COLUMN index_error TEXT;
  DROP TRIGGER events_fts_insert;
  DROP TRIGGER events_fts_delete;
  CREATE TRIGGER events_fts_insert AFTER INSERT ON events WHEN new.index_error IS NULL OR length(CAST(new.payload AS BLOB)) <= 1048576 BEGIN
    INSERT INTO events_fts(rowid, payload, fields) VALUES (new.id, mwi_fts_text(new.payload), new.fields);
  END;
  CREATE TRIGGER events_fts_delete AFTER DELETE ON events WHEN old.index_error IS NULL OR length(CAST(old.payload AS BLOB)) <= 1048576 BEGIN
    INSERT INTO events_fts(events_fts, rowid, payload, fields) VALUES ('delete', old.id,
      CASE WHEN old.id <= (SELECT value FROM counters WHERE name = 'fts_raw_upto') THEN old.payload ELSE mwi_fts_text(old.payload) END, old.fields);
  END;
  `,
];

/**
 * Gives `events` AUTOINCREMENT by rebuilding it, as SQLite prescribes for a change ALTER TABLE
 * cannot make (https://www.sqlite.org/lang_altertable.html#otheralter): create the new table, copy
 * the rows with their ids, drop the old one, rename, then recreate its indexes and triggers from
 * their stored SQL. The definitions are read from the schema, not repeated here, so columns and
 * indexes that earlier migrations added survive. The rowids do not change, so the external-content
 * full-text index stays valid as it is; its triggers are recreated after the copy, so nothing is
 * indexed twice. Cost: one copy of the table and its indexes (docs/architecture.md, "Removing events").
 */
function eventIdsNeverReused(db: Database.Database): void {
  const schema = db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'events' AND sql IS NOT NULL`).all() as {
    type: 'table' | 'index' | 'trigger';
    name: string;
    sql: string;
  }[];
  const table = schema.find((entry) => entry.type === 'table')!.sql;
  const rebuilt = table.replace(/^CREATE TABLE\s+"?events"?\s*\(/i, 'CREATE TABLE events_rebuilt (');
  const withAutoincrement = rebuilt.replace(/\bid INTEGER PRIMARY KEY\b(?!\s+AUTOINCREMENT)/i, 'id INTEGER PRIMARY KEY AUTOINCREMENT');
  if (rebuilt === table || withAutoincrement === rebuilt) throw new Error('migration 7: unexpected definition of the events table');
  // The highest id ever given out: the newest event may be gone, but the learner recorded its id.
  const highest = db
    .prepare(
      `SELECT max(coalesce((SELECT max(id) FROM events), 0), coalesce((SELECT max(last_event_id) FROM shapes), 0),
         coalesce((SELECT max(event_id) FROM shape_drift), 0), coalesce((SELECT max(event_id) FROM attempts), 0),
         coalesce((SELECT max(event_id) FROM forward_delivery_events), 0))`,
    )
    .pluck()
    .get() as number;
  db.exec(`${withAutoincrement};
    INSERT INTO events_rebuilt SELECT * FROM events ORDER BY id;
    DROP TABLE events;
    ALTER TABLE events_rebuilt RENAME TO events;`);
  for (const entry of schema.filter((e) => e.type === 'index')) db.exec(entry.sql);
  for (const entry of schema.filter((e) => e.type === 'trigger')) db.exec(entry.sql);
  db.prepare(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'events'`).run(highest);
  db.prepare(`INSERT INTO sqlite_sequence (name, seq) SELECT 'events', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events')`).run(highest);
  // What a reused id inherited and what deleted events left behind: a drift flag belongs to the
  // event received when it was found, a delivery link to an event that still exists.
  db.exec(`
    DELETE FROM shape_drift WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = shape_drift.event_id AND e.received_at = shape_drift.received_at);
    DELETE FROM forward_delivery_events WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = forward_delivery_events.event_id);
  `);
}

/** Migrations that take long on a large database: announced before they run, so a slow start is explained. */
const SLOW: Record<number, string> = {
  7: 'giving events ids that are never reused: the events table is copied once (about a minute per million events)',
  9: 'indexing stored requests by received time (for idempotent imports): one pass over the requests table',
};

/**
 * Brings a database up to `target` (the latest by default; an older one only for tests of a
 * migration). `log` hears about the slow ones before they run.
 */
/** Refuses a database written by a newer app; returns its schema version. */
export function checkVersion(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new Error(`Database schema v${current} is newer than this app (v${migrations.length}); update the app.`);
  return current;
}

export function migrate(db: Database.Database, target = migrations.length, log: (line: string) => void = () => {}): void {
  const current = checkVersion(db);
  for (let version = current; version < target; version++) {
    // A new database has nothing to copy: only an upgrade of an existing one says it may take a while.
    const slow = current > 0 ? SLOW[version + 1] : undefined;
    if (slow) log(`store: upgrading the database to v${version + 1}, ${slow}…`);
    db.transaction(() => {
      const migration = migrations[version]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export const SCHEMA_VERSION = migrations.length;

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION, type Store } from '../../../electron/engine/store';
import { migrate } from '../../../electron/engine/store/migrations';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const NAMES = ['Lovelace', 'Hopper', 'Turing'];

/**
 * A database as version 6 of the app left it after the old delete: events 1–3, the newest event
 * (4) deleted with its drift flag left behind, and event 3 holding a flag inherited from an
 * earlier event that had its id (received at 2500, before event 3 was).
 */
function version6(path: string): void {
  const db = new Database(path);
  migrate(db, 6);
  const request = db.prepare(
    `INSERT INTO requests (id, received_at, method, path, query, headers, body, remote, status) VALUES (?, ?, 'POST', '/hooks', '', '[]', ?, '127.0.0.1', 200)`,
  );
  const event = db.prepare(
    `INSERT INTO events (id, webhook_id, entity, op, version, payload, fields, summary, size, received_at, last_received_at)
     VALUES (?, ?, 'Lead', 'create', '0.8', ?, 'lastname', ?, 10, ?, ?)`,
  );
  NAMES.forEach((name, i) => {
    const id = i + 1;
    const body = JSON.stringify({ Id: `w-${id}`, Entity: 'Lead', Data: { Op: 'create', New: { LastName: name }, Version: '0.8' } });
    request.run(id, id * 1000, Buffer.from(body));
    event.run(id, `w-${id}`, body, `Lead create ${name}`, id * 1000, id * 1000);
    db.prepare(`INSERT INTO attempts VALUES (?, ?, ?)`).run(id, id, id * 1000);
  });
  db.exec(`
    INSERT INTO shapes (id, entity_key, entity, op, kind, major, versions, spellings, events, first_seen, last_seen, first_event_id, last_event_id)
      VALUES (1, 'lead', 'Lead', 'create', 'record', 0, '{}', '["Lead"]', 4, 1000, 4000, 1, 4);
    INSERT INTO shape_drift (event_id, shape_id, kind, path, type, previous, received_at) VALUES
      (4, 1, 'new_field', 'Mobile', 'string', NULL, 4000),
      (3, 1, 'new_field', 'Pager', 'string', NULL, 2500),
      (3, 1, 'new_type', 'LastName', 'number', 'string', 3000);
    UPDATE counters SET value = 3 WHERE name IN ('events', 'requests', 'indexed_upto');
  `);
  db.close();
}

const schemaOf = (path: string) => {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE tbl_name IN ('events', 'events_fts') ORDER BY name`).all();
  const version = db.pragma('user_version', { simple: true });
  db.close();
  return { rows, version };
};

function deliver(store: Store, receivedAt: number, body: object): void {
  store.requests.insert(
    [
      {
        receivedAt,
        method: 'POST',
        path: '/hooks',
        query: '',
        headers: [],
        body: Buffer.from(JSON.stringify(body)),
        bodyEncoded: null,
        contentEncoding: null,
        remote: '127.0.0.1',
      },
    ],
    receivedAt,
  );
  while (store.events.indexPending(100, 1000).length) {
    // index everything
  }
}

it('gives events AUTOINCREMENT, keeping rows, search and indexes, and never hands out a used id again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-migration-'));
  dirs.push(dir);
  const path = join(dir, 'inspector.db');
  version6(path);
  const before = schemaOf(path);
  expect(before.version).toBe(6);

  const lines: string[] = [];
  const store = openStore(path, { log: (line) => lines.push(line) });
  stores.push(store);
  // A slow start is explained before it happens.
  expect(lines).toEqual([
    expect.stringMatching(/^store: upgrading the database to v7, .*about a minute per million events/),
    expect.stringMatching(/^store: upgrading the database to v9, indexing stored requests by received time/),
  ]);
  const after = schemaOf(path);
  expect(after.version).toBe(SCHEMA_VERSION);
  // The same indexes, triggers and full-text table; only the table's definition gained AUTOINCREMENT.
  // Later migrations change the FTS triggers (8: unescaped text; 10: index errors) and add an index
  // (9: imported retries): they are tested in search.test.ts, export-import.test.ts and index-isolation.test.ts.
  const LATER = ['events_fts_insert', 'events_fts_delete', 'events_webhook_id_imported'];
  const withoutTable = (rows: unknown[]) =>
    rows.filter(
      (r) => ((r as { type: string }).type !== 'table' || (r as { name: string }).name !== 'events') && !LATER.includes((r as { name: string }).name),
    );
  expect(withoutTable(after.rows)).toEqual(withoutTable(before.rows));
  expect(after.rows.find((r) => (r as { name: string }).name === 'events')).toMatchObject({
    sql: expect.stringContaining('id INTEGER PRIMARY KEY AUTOINCREMENT'),
  });

  // Rows and their ids are kept; search finds each once.
  expect(store.events.list({ limit: 10 }).items.map((e) => [e.id, e.webhookId])).toEqual([
    [3, 'w-3'],
    [2, 'w-2'],
    [1, 'w-1'],
  ]);
  expect(store.events.list({ text: 'Lovelace', limit: 10 }).items.map((e) => e.id)).toEqual([1]);
  expect(store.counts()).toMatchObject({ events: 3, requests: 3, pending: 0 });

  // Flags left by the deleted event 4 and the one event 3 inherited are gone; event 3's own stays.
  expect(store.shapes.eventDrift(4)).toEqual([]);
  expect(store.shapes.eventDrift(3).map((d) => d.path)).toEqual(['LastName']);

  // The next event gets an id after the deleted newest one, and is searchable (the triggers are back).
  deliver(store, 5000, { Id: 'w-5', Entity: 'Lead', Data: { Op: 'create', New: { LastName: 'Hamilton' }, Version: '0.8' } });
  expect(store.events.list({ limit: 1 }).items[0]).toMatchObject({ id: 5, webhookId: 'w-5' });
  expect(store.shapes.eventDrift(5)).toEqual([]);
  expect(store.events.list({ text: 'Hamilton', limit: 10 }).items.map((e) => e.id)).toEqual([5]);
  // A retry is still found by its webhook Id (the unique index is back).
  deliver(store, 6000, { Id: 'w-1', Entity: 'Lead', Data: { Op: 'create', New: { LastName: 'Lovelace' }, Version: '0.8' } });
  expect(store.events.get(1)).toMatchObject({ attempts: 2, lastReceivedAt: 6000 });
  // Deleting still takes the event out of the search index.
  store.events.delete([1]);
  expect(store.events.list({ text: 'Lovelace', limit: 10 }).items).toEqual([]);
  expect(store.counts()).toMatchObject({ events: 3 });
});

it('an empty database starts its event ids at 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-migration-'));
  dirs.push(dir);
  const path = join(dir, 'inspector.db');
  const db = new Database(path);
  migrate(db, 6);
  db.close();
  const store = openStore(path);
  stores.push(store);
  deliver(store, 1000, { Id: 'first', Entity: 'Lead', Data: { Op: 'create', New: { LastName: 'A' }, Version: '0.8' } });
  expect(store.events.list({ limit: 1 }).items[0]).toMatchObject({ id: 1, webhookId: 'first' });
});

it('a new database is created without upgrade notices: there is nothing to copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-migration-'));
  dirs.push(dir);
  const lines: string[] = [];
  stores.push(openStore(join(dir, 'inspector.db'), { log: (line) => lines.push(line) }));
  expect(lines.filter((line) => line.includes('upgrading the database'))).toEqual([]);
});

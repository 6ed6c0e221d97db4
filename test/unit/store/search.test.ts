import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { encodeKey } from '../../../shared/keys';
import { openStore, type Store } from '../../../electron/engine/store';
import { SANDBOX_USER_AGENT } from '../../../shared/origin';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storeWith(bodies: { body: string; headers?: [string, string][] }[], dir = mkdtempSync(join(tmpdir(), 'mwi-search-'))): Store {
  const store = openStore(join(dir, 'inspector.db'));
  cleanups.push(() => (store.close(), rmSync(dir, { recursive: true, force: true })));
  store.requests.insert(
    bodies.map(({ body, headers }) => ({
      receivedAt: 1_000,
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: headers ?? [],
      body: Buffer.from(body),
      bodyEncoded: null,
      contentEncoding: null,
      remote: '127.0.0.1',
    })),
    1_000,
  );
  while (store.events.indexPending(500, 1000).length) {
    // index everything
  }
  return store;
}

const event = (id: string, New: unknown) => JSON.stringify({ Id: id, Entity: 'Lead', Data: { Op: 'update', New, Version: '0.8' } });
const ids = (store: Store, query: Parameters<Store['events']['list']>[0]) =>
  store.events
    .list(query)
    .items.map((e) => e.webhookId)
    .sort();

it('finds an emoji in a payload, sent as is or as a JSON \\u escape', () => {
  const store = storeWith([
    { body: event('raw', { Note: 'Party 🎉 time' }) },
    { body: JSON.stringify({ Id: 'escaped', Entity: 'Lead', Data: { Op: 'update', New: { Note: 'x' }, Version: '0.8' } }).replace('"x"', '"\\ud83c\\udf89"') },
    { body: event('none', { Note: 'no party' }) },
  ]);
  expect(ids(store, { text: '🎉', limit: 10 })).toEqual(['escaped', 'raw']);
  expect(ids(store, { text: 'party 🎉', limit: 10 })).toEqual(['raw']);
});

it('treats a lone " and a lone \' alike: each finds only payloads whose values contain it', () => {
  const store = storeWith([
    { body: event('apostrophe', { LastName: "O'Brien" }) },
    { body: event('quote', { Note: 'the "best" lead' }) },
    { body: event('plain', { LastName: 'Smith' }) },
  ]);
  expect(ids(store, { text: "'", limit: 10 })).toEqual(['apostrophe']);
  expect(ids(store, { text: '"', limit: 10 })).toEqual(['quote']);
  // Quotes of either kind make a phrase.
  expect(ids(store, { text: '"lead best"', limit: 10 })).toEqual([]);
  expect(ids(store, { text: "'the best'", limit: 10 })).toEqual(['quote']);
  expect(ids(store, { text: '"the best"', limit: 10 })).toEqual(['quote']);
});

it('has-field sees nested paths (Address.City) as well as top-level names', () => {
  const store = storeWith([
    { body: event('nested', { Address: { City: 'Vancouver' }, FirstName: 'Ann' }) },
    { body: event('flat', { Address: 'Main St', City: 'Paris' }) },
  ]);
  expect(ids(store, { hasField: 'Address.City', limit: 10 })).toEqual(['nested']);
  expect(ids(store, { hasField: 'address.city', limit: 10 })).toEqual(['nested']);
  expect(ids(store, { hasField: 'City', limit: 10 })).toEqual(['flat', 'nested']);
  expect(ids(store, { hasField: 'FirstName', limit: 10 })).toEqual(['nested']);
  expect(ids(store, { hasField: 'Address.Street', limit: 10 })).toEqual([]);
});

it('deletes chosen events with their requests and keeps the others and the counts right', () => {
  const store = storeWith([{ body: event('a', { X: 1 }) }, { body: event('b', { X: 2 }) }, { body: event('c', { X: 3 }) }]);
  const all = store.events.list({ limit: 10 }).items;
  const b = all.find((e) => e.webhookId === 'b')!;
  expect(store.events.delete([b.id, b.id, 999_999])).toBe(1);
  expect(ids(store, { limit: 10 })).toEqual(['a', 'c']);
  expect(store.events.get(b.id)).toBeUndefined();
  expect(store.counts()).toMatchObject({ events: 2, requests: 2 });
  expect(ids(store, { text: '2', limit: 10 })).toEqual([]);
});

it('marks sandbox deliveries and folds their retries into one event', () => {
  const ua: [string, string][] = [['user-agent', SANDBOX_USER_AGENT]];
  const store = storeWith([{ body: event('s1', { X: 1 }), headers: ua }, { body: event('s1', { X: 1 }), headers: ua }, { body: event('m1', { X: 1 }) }]);
  const items = store.events.list({ limit: 10 }).items;
  expect(items.map((e) => [e.webhookId, e.origin, e.attempts])).toEqual([
    ['m1', 'received', 1],
    ['s1', 'sandbox', 2],
  ]);
});

it('finds words after a newline (or tab, or quote) inside a JSON string, and not the escape glued to them', () => {
  const store = storeWith([{ body: event('lines', { Notes: 'Line one\nLine two\tcolumn "quoted"' }) }, { body: event('other', { Notes: 'nothing here' }) }]);
  expect(ids(store, { text: 'two', limit: 10 })).toEqual(['lines']);
  expect(ids(store, { text: '"Line two"', limit: 10 })).toEqual(['lines']);
  expect(ids(store, { text: 'Line two', limit: 10 })).toEqual(['lines']);
  expect(ids(store, { text: 'column', limit: 10 })).toEqual(['lines']);
  expect(ids(store, { text: 'nLine', limit: 10 })).toEqual([]);
  expect(ids(store, { text: 'tcolumn', limit: 10 })).toEqual([]);
});

it('finds an event by the decoded parts of a Maximizer key (record id) as well as the base64', () => {
  const key = encodeKey('Opportunity', 'OPP_DEMO_2');
  const store = storeWith([{ body: event('keyed', { Key: key, Name: 'Deal' }) }, { body: event('plain', { Name: 'Other' }) }]);
  expect(ids(store, { text: 'OPP_DEMO_2', limit: 10 })).toEqual(['keyed']);
  expect(ids(store, { text: '"Opportunity OPP_DEMO_2"', limit: 10 })).toEqual(['keyed']);
  expect(ids(store, { text: key, limit: 10 })).toEqual(['keyed']);
  // Deleting keeps the index right: the delete trigger removes exactly the tokens it added.
  const keyed = store.events.list({ limit: 10 }).items.find((e) => e.webhookId === 'keyed')!;
  store.events.delete([keyed.id]);
  expect(ids(store, { text: 'OPP_DEMO_2', limit: 10 })).toEqual([]);
  expect(ids(store, { text: 'Other', limit: 10 })).toEqual(['plain']);
});

it('reindexes events stored before the unescaped index (schema 7) in the background, newest first; deletes stay right meanwhile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-search-'));
  storeWith([{ body: event('old', { Notes: 'Line one\nLine two' }) }, { body: event('gone', { Notes: 'Gone one\nGone two' }) }], dir).close();
  // Put the file back as schema 7 left it: the FTS triggers indexing the JSON text as sent.
  const db = new Database(join(dir, 'inspector.db'));
  db.exec(`DROP TRIGGER events_fts_insert; DROP TRIGGER events_fts_delete; DELETE FROM counters WHERE name = 'fts_raw_upto';
    DROP INDEX requests_received_at; DROP INDEX events_webhook_id_imported; ALTER TABLE events DROP COLUMN index_error;
    INSERT INTO events_fts(events_fts) VALUES ('delete-all');
    INSERT INTO events_fts(rowid, payload, fields) SELECT id, payload, fields FROM events;
    CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
      INSERT INTO events_fts(rowid, payload, fields) VALUES (new.id, new.payload, new.fields);
    END;
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
      INSERT INTO events_fts(events_fts, rowid, payload, fields) VALUES ('delete', old.id, old.payload, old.fields);
    END;`);
  db.pragma('user_version = 7');
  expect(db.prepare(`SELECT count(*) FROM events_fts WHERE events_fts MATCH '"nLine"'`).pluck().get()).toBe(1);
  db.close();
  const store = storeWith([{ body: event('new', { Notes: 'Line one\nLine three' }) }], dir);
  // Before the reindex: old events keep their old tokens, the new one has the new text.
  expect(ids(store, { text: 'nLine', limit: 10 })).toEqual(['old']);
  expect(ids(store, { text: '"Line three"', limit: 10 })).toEqual(['new']);
  // Deleting a not-yet-reindexed event removes its old tokens.
  store.events.delete([store.events.list({ limit: 10 }).items.find((e) => e.webhookId === 'gone')!.id]);
  expect(ids(store, { text: 'nGone', limit: 10 })).toEqual([]);
  let left = Infinity;
  for (let rounds = 0; left > 0 && rounds < 10; rounds++) left = store.events.reindexText(1);
  expect(left).toBe(0);
  expect(ids(store, { text: '"Line two"', limit: 10 })).toEqual(['old']);
  expect(ids(store, { text: 'nLine', limit: 10 })).toEqual([]);
  expect(ids(store, { text: 'Gone', limit: 10 })).toEqual([]);
  expect(ids(store, { text: 'Line', limit: 10 })).toEqual(['new', 'old']);
  expect(store.events.count({ text: 'line' })).toEqual({ count: 2, exact: true });
});

it('counts the events matching a search (and other filters) exactly', () => {
  const store = storeWith(Array.from({ length: 250 }, (_, i) => ({ body: event(`e${i}`, { Notes: i % 2 ? 'odd one' : 'even one', Status: i % 5 }) })));
  const n = (query: Parameters<Store['events']['count']>[0], cap?: number) => store.events.count(query, cap);
  expect(n({ text: 'odd' })).toEqual({ count: 125, exact: true });
  expect(n({ text: 'one' })).toEqual({ count: 250, exact: true });
  expect(n({ text: 'odd', entity: 'lead' })).toEqual({ count: 125, exact: true });
  expect(n({ text: 'odd', entity: 'contact' })).toEqual({ count: 0, exact: true });
  expect(n({})).toEqual({ count: 250, exact: true });
  expect(n({ text: 'nothing' })).toEqual({ count: 0, exact: true });
  // A search with other filters stops at the cap and says so.
  expect(n({ text: 'odd', entity: 'lead' }, 100)).toEqual({ count: 100, exact: false });
  expect(n({ text: 'odd', entity: 'lead' }, 125)).toEqual({ count: 125, exact: true });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/engine/store';
import { SANDBOX_USER_AGENT } from '../../../shared/origin';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storeWith(bodies: { body: string; headers?: [string, string][] }[]): Store {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-search-'));
  const store = openStore(join(dir, 'inspector.db'));
  cleanups.push(() => (store.close(), rmSync(dir, { recursive: true, force: true })));
  store.requests.insert(
    bodies.map(({ body, headers }) => ({
      receivedAt: 1_000, method: 'POST', path: '/hooks', query: '', headers: headers ?? [],
      body: Buffer.from(body), bodyEncoded: null, contentEncoding: null, remote: '127.0.0.1',
    })),
    1_000,
  );
  while (store.events.indexPending(500, 1000).length) {
    // index everything
  }
  return store;
}

const event = (id: string, New: unknown) => JSON.stringify({ Id: id, Entity: 'Lead', Data: { Op: 'update', New, Version: '0.8' } });
const ids = (store: Store, query: Parameters<Store['events']['list']>[0]) => store.events.list(query).items.map((e) => e.webhookId).sort();

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

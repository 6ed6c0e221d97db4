import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/engine/store';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function storeWith(count: number, receivedAt: (i: number) => number) {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-retention-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'inspector.db'));
  stores.push(store);
  store.requests.insert(
    Array.from({ length: count }, (_, i) => ({
      receivedAt: receivedAt(i),
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: [] as [string, string][],
      body: Buffer.from(JSON.stringify({ Id: `r-${i}`, Entity: 'Lead', Data: { Op: 'create', New: { LastName: `N${i}` }, Version: '0.8' } })),
      bodyEncoded: null,
      contentEncoding: null,
      remote: '127.0.0.1',
    })),
    Date.now(),
  );
  while (store.events.indexPending(500, 1000).length) {
    // index everything
  }
  return { dir, store };
}

it('keeps the newest events up to the count limit, with their raw requests, and frees the rest', () => {
  const { store } = storeWith(50, () => 1_000);
  expect(store.events.prune({ maxEvents: 20, now: 2_000 }, 7)).toBe(30);
  const page = store.events.list({ limit: 100 });
  expect(page.items.map((e) => e.webhookId)).toEqual(Array.from({ length: 20 }, (_, i) => `r-${49 - i}`));
  expect(store.counts()).toMatchObject({ events: 20, requests: 20 });
  expect(store.events.get(page.items[0]!.id)!.requests).toHaveLength(1);
  // Full-text search no longer finds pruned events.
  expect(store.events.list({ text: 'N5', limit: 10 }).items.map((e) => e.webhookId)).toEqual([]);
  expect(store.events.list({ text: 'N45', limit: 10 }).items.map((e) => e.webhookId)).toEqual(['r-45']);
});

it('counts what the user deleted by hand when it keeps the newest events', () => {
  const { store } = storeWith(30, () => 1_000);
  const oldest = store.events.list({ limit: 100 }).items.slice(-10);
  // Ten of the oldest are deleted first: twenty are left, so a limit of twenty deletes nothing more.
  expect(store.events.delete(oldest.map((e) => e.id))).toBe(10);
  expect(store.events.prune({ maxEvents: 20, now: 2_000 })).toBe(0);
  expect(store.events.prune({ maxEvents: 15, now: 2_000 })).toBe(5);
  expect(store.events.list({ limit: 100 }).items.map((e) => e.webhookId)).toEqual(Array.from({ length: 15 }, (_, i) => `r-${29 - i}`));
});

it('drops events older than the age limit, whatever their count', () => {
  const { store } = storeWith(10, (i) => (i < 4 ? 1_000 : 50_000));
  expect(store.events.prune({ maxAgeMs: 10_000, now: 55_000 })).toBe(4);
  expect(store.counts().events).toBe(6);
  expect(store.events.prune({ maxAgeMs: 10_000, now: 55_000 })).toBe(0);
});

it('an imported event keeps its original old time without pulling newer events into the age cut', () => {
  const { store } = storeWith(3, () => 10_000);
  store.requests.insert(
    [
      {
        receivedAt: 1_000,
        method: 'POST',
        path: '/hooks',
        query: '',
        headers: [],
        origin: 'imported',
        body: Buffer.from(JSON.stringify({ Id: 'old', Entity: 'Lead', Data: { Op: 'create', New: { LastName: 'Old' }, Version: '0.8' } })),
        bodyEncoded: null,
        contentEncoding: null,
        remote: '',
      },
    ],
    10_500,
  );
  while (store.events.indexPending(500, 1000).length) {
    // index everything
  }
  expect(store.events.prune({ maxAgeMs: 5_000, now: 11_000 })).toBe(0);
  const items = store.events.list({ limit: 10 }).items;
  expect(items.map((e) => [e.webhookId, e.origin, e.receivedAt])).toEqual([
    ['old', 'imported', 1_000],
    ['r-2', 'received', 10_000],
    ['r-1', 'received', 10_000],
    ['r-0', 'received', 10_000],
  ]);
});

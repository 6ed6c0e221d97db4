import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore, type IndexHook, type Store } from '../../../electron/engine/store';
import { learnShapes } from '../../../electron/engine/shapes/learner';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const webhook = (id: string, entity = 'Lead') =>
  JSON.stringify({ Id: id, Entity: entity, Data: { Op: 'Create', Version: '1.0', New: { Key: 'k', Name: id } } });

function insert(store: Store, ...bodies: string[]) {
  store.requests.insert(
    bodies.map((body) => ({
      receivedAt: Date.now(),
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: [['content-type', 'application/json']] as [string, string][],
      body: Buffer.from(body),
      bodyEncoded: null,
      contentEncoding: null,
      remote: '127.0.0.1',
    })),
    Date.now(),
  );
}

/** A step that throws for one entity, as a bug in shape learning would; counts its calls. */
function brokenHook(calls: { n: number }): IndexHook {
  return {
    begin() {},
    event(e) {
      calls.n++;
      if (e.entity === 'Boom') throw new RangeError('Maximum call stack size exceeded');
      return [];
    },
    commit() {},
    abort() {},
  };
}

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-isolate-'));
  dirs.push(dir);
  return join(dir, 'inspector.db');
}

it('lists an event whose indexing throws, with the error, and everything after it, in one pass', () => {
  const store = openStore(open());
  const calls = { n: 0 };
  store.events.setIndexHook(brokenHook(calls));
  insert(store, webhook('a'), webhook('b', 'Boom'), webhook('c'));
  store.events.indexPending(16, 50);
  const { items } = store.events.list({ limit: 10 });
  expect(items.map((e) => [e.webhookId, e.entity, e.indexError ?? null])).toEqual([
    ['c', 'Lead', null],
    ['b', 'Boom', 'Indexing failed: RangeError: Maximum call stack size exceeded'],
    ['a', 'Lead', null],
  ]);
  // The raw request stays with it.
  expect(Buffer.from(store.events.get(items[1]!.id)!.requests[0]!.bodyBase64, 'base64').toString()).toBe(webhook('b', 'Boom'));
  expect(store.counts()).toMatchObject({ events: 3, pending: 0 });
  // One failed try, one rollback and rerun of the chunk: no loop on the same row.
  expect(calls.n).toBe(2 + 2);
  store.close();
});

it('resumes after a restart, past a request that failed before', () => {
  const path = open();
  let store = openStore(path);
  const calls = { n: 0 };
  store.events.setIndexHook(brokenHook(calls));
  insert(store, webhook('x', 'Boom'));
  store.events.indexPending(16, 50);
  insert(store, webhook('y', 'Boom'), webhook('z'));
  store.close();

  store = openStore(path);
  store.events.setIndexHook(brokenHook(calls));
  store.events.indexPending(16, 50);
  const { items } = store.events.list({ limit: 10 });
  expect(items.map((e) => [e.webhookId, !!e.indexError])).toEqual([
    ['z', false],
    ['y', true],
    ['x', true],
  ]);
  expect(store.counts().pending).toBe(0);
  store.close();
});

it('learns shapes from payloads whose keys are named like Object.prototype members', () => {
  const store = openStore(open());
  learnShapes(store);
  const body =
    '{"__proto__":{"polluted":1},"Id":"p1","Entity":"Lead","Data":{"Op":"Create","New":{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}},"ToString":"s"},"Version":"__proto__"}}';
  insert(store, body, webhook('next'));
  store.events.indexPending(16, 50);
  const { items } = store.events.list({ limit: 10 });
  expect(items.map((e) => [e.webhookId, e.indexError ?? null])).toEqual([
    ['next', null],
    ['p1', null],
  ]);
  const shape = store.shapes.shapes().find((s) => s.entity === 'Lead');
  expect(Object.hasOwn(shape!.envelope, '__proto__')).toBe(true);
  expect(Object.hasOwn(shape!.versions, '__proto__')).toBe(true);
  expect(store.events.list({ hasField: 'constructor.prototype.y', limit: 5 }).items.map((e) => e.webhookId)).toEqual(['p1']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  store.close();
});

it('lists a 9 MB webhook with 600,000 keys unparsed (issue 25): not walked, not full-text indexed', () => {
  const store = openStore(open());
  learnShapes(store);
  const wide: Record<string, string> = {};
  for (let i = 0; i < 600_000; i++) wide[`F${i}`] = 'v';
  const body = JSON.stringify({ Id: 'wide', Entity: 'Lead', Data: { Op: 'Update', Version: '1.0', Original: {}, New: wide } });
  insert(store, body, webhook('after-wide'));
  store.events.indexPending(16, 50);
  const { items } = store.events.list({ limit: 10 });
  expect(items.map((e) => e.webhookId)).toEqual(['after-wide', null]);
  expect(items[1]!.indexError).toMatch(/^Not parsed: the body [\d,]+ bytes, over the 1,048,576 the indexer parses$/);
  expect(items[1]!.size).toBe(body.length);
  expect(store.events.get(items[1]!.id)!.payload).toBe(body);
  // Searchable only through what was indexed: the small webhook after it is.
  expect(store.events.list({ text: 'F599999', limit: 5 }).items).toEqual([]);
  expect(store.events.list({ text: 'after-wide', limit: 5 }).items.map((e) => e.webhookId)).toEqual(['after-wide']);
  store.close();
});

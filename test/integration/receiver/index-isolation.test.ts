import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { dispatch } from '../../../electron/engine/rpc';
import { eventually } from '../../helpers/serve';

/**
 * No webhook stops the live list (issue 21): whatever body arrives, it is listed, the next
 * ordinary webhook is listed after it, and every read of it (detail, search, shape, model)
 * answers. Bodies go through the real receiver (in this process, so prototype pollution would
 * show here), its indexer and the contract's dispatcher, which checks every answer's schema.
 */

let dataDir: string;
let engine: Engine;
let receiverUrl: string;
let secret: string;
let serial = 0;

const start = async () => {
  engine = await startEngine({ dataDir, mode: 'browser', receiverPort: 0, receiverThread: 'inline', tunnel: { enabled: false }, log: () => {} });
  const status = await engine.status();
  receiverUrl = `http://127.0.0.1:${status.receiver.port}/hooks`;
  secret = status.receiver.secret;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-isolation-'));
  await start();
}, 30_000);

afterAll(async () => {
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = unknown>(name: string, input: unknown): Promise<{ ok: true; result: T } | { ok: false; error: { code: string; message: string } }> {
  return (await dispatch(engine.handlers, name, input)) as never;
}

/** The acknowledged request's id. */
async function post(body: string | Buffer): Promise<number> {
  const res = await fetch(receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-inspector-secret': secret }, body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { request: number }).request;
}

const ordinary = (id: string) =>
  JSON.stringify({
    Id: id,
    Entity: 'Lead',
    Timestamp: '2026-01-01T00:00:00Z',
    Data: { Op: 'Update', Version: '1.1', Original: { Key: 'TGVhZAkxCTA=', Status: 'Open' }, New: { Key: 'TGVhZAkxCTA=', Status: 'Won' } },
  });

interface Summary {
  id: number;
  webhookId: string | null;
  entity: string | null;
  indexError?: string;
  parseError?: string;
}

/** Posts `body` then an ordinary webhook; both must be listed, and each read of the first must answer. */
async function roundTrip(body: string | Buffer): Promise<void> {
  const marker = `after-${++serial}-${Date.now()}`;
  const before = await call<{ items: Summary[] }>('listEvents', { limit: 1 });
  const lastId = before.ok ? (before.result.items[0]?.id ?? 0) : 0;
  const requestId = await post(body);
  await post(ordinary(marker));
  const items = await eventually(async () => {
    const page = await call<{ items: Summary[] }>('listEvents', { limit: 50 });
    if (!page.ok) throw new Error(page.error.message);
    const fresh = page.result.items.filter((e) => e.id > lastId);
    return fresh.some((e) => e.webhookId === marker) ? fresh : undefined;
  }, 20_000);
  // The body under test is listed before the ordinary one (an array body may list several
  // events), or, when it repeats a webhook Id already stored, as another attempt of that event.
  const ours = items.filter((e) => e.webhookId !== marker);
  if (!ours.length) {
    const page = await call<{ items: (Summary & { attempts: number })[] }>('listEvents', { limit: 200 });
    const retried = page.ok ? page.result.items.filter((e) => e.attempts > 1) : [];
    const owners = await Promise.all(retried.map((e) => call<{ requests: { id: number }[] }>('getEvent', { id: e.id })));
    expect(owners.some((d) => d.ok && d.result.requests.some((r) => r.id === requestId))).toBe(true);
  }
  for (const event of ours) {
    const detail = await call<{ payload: string }>('getEvent', { id: event.id });
    expect(detail.ok).toBe(true);
    const model = await call('generateModel', { eventIds: [event.id], language: 'typescript' });
    // A model may be refused (a payload quicktype cannot type), but as an answer, not a crash.
    if (!model.ok) expect(model.error.code).toMatch(/bad_request|unavailable|not_found/);
    if (event.entity?.trim()) {
      const shape = await call('getShape', { entity: event.entity });
      if (!shape.ok) expect(shape.error.code).toBe('not_found');
    }
  }
  const search = await call<{ items: Summary[] }>('listEvents', { text: marker, limit: 5 });
  expect(search.ok && search.result.items.some((e) => e.webhookId === marker)).toBe(true);
  const fields = await call('listEvents', { hasField: 'constructor', limit: 5 });
  expect(fields.ok).toBe(true);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.toString.call([])).toBe('[object Array]');
}

// ── arbitrary payloads ─────────────────────────────────────────────────────────

const protoNames = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
/** A prototype-ish name in any case (`Constructor`, `TOSTRING`), an empty or dotted key, emoji, lone surrogates. */
const key = fc.oneof(
  fc
    .constantFrom(...protoNames)
    .chain((name) =>
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((ups) => [...name].map((c, i) => (ups[i] ? c.toUpperCase() : c)).join('')),
    ),
  fc.constantFrom('', '.', 'a.b', 'Address.City', '..', 'Key', 'KEY', 'Data', 'New', 'Original', '😀', '\ud800', '\udfff', 'a\u0000b', '[]', 'x[]'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const edgeNumber = fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53 + 1, 0.1, 1.1);
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  edgeNumber,
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6, noNullPrototype: false }),
  ),
}));
const slot = fc.oneof(value, fc.constantFrom<unknown>(undefined, null, [], {}, '', [1, 2], { __proto__: null }));

/** An envelope with anything in any slot: Id, Entity, Data, Op, Version, Original, New, Recipients. */
const envelope = fc
  .record({
    id: slot,
    entity: slot,
    data: fc.oneof(fc.constant(undefined), scalar, fc.array(value, { maxLength: 3 })),
    op: slot,
    version: slot,
    original: slot,
    next: slot,
    recipients: slot,
    extra: fc.dictionary(key, value, { maxKeys: 3 }),
  })
  .map(({ id, entity, data, op, version, original, next, recipients, extra }) => {
    const useData = data === undefined;
    const body: Record<string, unknown> = { ...extra };
    const set = (target: Record<string, unknown>, name: string, v: unknown) => {
      if (v !== undefined) Object.defineProperty(target, name, { value: v, enumerable: true, writable: true, configurable: true });
    };
    set(body, 'Id', id);
    set(body, 'Entity', entity);
    set(body, 'Recipients', recipients);
    if (useData) {
      const inner: Record<string, unknown> = {};
      set(inner, 'Op', op);
      set(inner, 'Version', version);
      set(inner, 'Original', original);
      set(inner, 'New', next);
      body.Data = inner;
    } else body.Data = data;
    return JSON.stringify(body);
  });

const deep = (depth: number, open: string, close: string, leaf = '1') => `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
const wrap = (section: string, inner: string) => `{"Id":"w-${serial}","Entity":"Lead","Data":{"Op":"Update","Version":"1.0","${section}":${inner}}}`;
/** Sizes and depths past the indexer's bounds, in every slot. */
const large = fc.oneof(
  fc
    .tuple(fc.constantFrom('New', 'Original', 'Recipients'), fc.integer({ min: 60, max: 10_000 }))
    .map(([section, depth]) => wrap(section, deep(depth, '{"a":', '}'))),
  fc.integer({ min: 60, max: 10_000 }).map((depth) => wrap('New', deep(depth, '[', ']'))),
  fc.constantFrom(10, 1000, 100_000).map((n) => wrap('New', `{"Items":[${Array.from({ length: n }, (_, i) => i).join(',')}]}`)),
  fc.constantFrom(100, 30_000).map((n) => wrap('New', JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`F${i}`, i]))))),
  fc.constant(`[${Array.from({ length: 3 }, () => ordinary(`inner-${serial}`)).join(',')}]`),
);

// ── the properties ─────────────────────────────────────────────────────────────

/** Seeds that once stopped the list, kept as regression cases. */
const regressions = [
  // issue 21: the poison body (prototype keys in the envelope and in New)
  '{"__proto__":{"polluted":1},"Id":"p1","Entity":"Lead","Data":{"Op":"Create","New":{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}},"Version":"1.0"}}',
  // shapes' envelope stats keyed by a payload key
  '{"Id":"p2","Entity":"Lead","__PROTO__":1,"Data":{"__proto__":[],"Op":"Update","Version":"__proto__","New":{"toString":1,"Constructor":{"valueOf":2}}}}',
  // an empty webhook Id, sent twice: the second is a retry, not a second row (the unique index wedged the indexer)
  '{"Id":"","Data":{"Original":"","New":0}}',
  '{"Id":"","Data":{"Original":"","New":0}}',
  // issue 25 item 9: 20,000 levels inside New, Original and Recipients
  wrap('New', deep(20_000, '{"a":', '}')),
  wrap('Original', deep(20_000, '[', ']')),
  `{"Id":"r1","Entity":"Lead","Recipients":${deep(20_000, '[', ']')},"Data":{"Op":"Create","New":{}}}`,
];

describe('indexing never stalls', () => {
  it.each(regressions.map((body) => [body.slice(0, 60), body]))('lists %s and what comes after it', async (_label, body) => {
    await roundTrip(body);
  });

  it('lists arbitrary envelopes and the webhook after each', async () => {
    await fc.assert(fc.asyncProperty(envelope, roundTrip), { numRuns: 60 });
  }, 120_000);

  it('lists bodies past the depth, size and value bounds, with the reason', async () => {
    await fc.assert(fc.asyncProperty(large, roundTrip), { numRuns: 12 });
  }, 120_000);

  it('marks a body too deep to index with an indexError and keeps it as sent', async () => {
    const body = wrap('New', deep(20_000, '{"a":', '}'));
    await roundTrip(body);
    const page = await call<{ items: Summary[] }>('listEvents', { limit: 2 });
    const event = page.ok ? page.result.items.find((e) => !e.webhookId?.startsWith('after-')) : undefined;
    expect(event?.indexError).toMatch(/deeper than 64 levels/);
    const detail = await call<{ requests: { body: string | null }[]; payload: string }>('getEvent', { id: event!.id });
    expect(detail.ok && detail.result.payload).toBe(body);
  });
});

describe('import', () => {
  it('lists an imported event nested 20,000 levels deep with the reason, and what comes after it (issue 25)', async () => {
    const body = wrap('Recipients', deep(20_000, '[', ']'));
    await roundTrip(body);
    const page = await call<{ items: Summary[] }>('listEvents', { limit: 2 });
    const deepOne = page.ok ? page.result.items.find((e) => !e.webhookId?.startsWith('after-')) : undefined;
    const exported = await call<{ output: { path: string } }>('exportEvents', { format: 'ndjson', ids: [deepOne!.id], wait: true });
    expect(exported.ok).toBe(true);
    const { readFileSync } = await import('node:fs');
    const content = readFileSync(exported.ok ? exported.result.output.path : '', 'utf8');
    // Import is idempotent: the stored copy goes first, so the file's event is imported again.
    expect((await call('deleteEvents', { ids: [deepOne!.id] })).ok).toBe(true);
    const imported = await call<{ state: string }>('importEvents', { content, wait: true });
    expect(imported.ok && imported.result.state).toBe('done');
    await roundTrip(ordinary(`after-import-${serial}`));
    const list = await call<{ items: (Summary & { origin: string })[] }>('listEvents', { limit: 5 });
    const copy = list.ok ? list.result.items.find((e) => e.origin === 'imported') : undefined;
    expect(copy?.indexError).toMatch(/nests deeper than 64 levels/);
  }, 60_000);
});

describe('restart', () => {
  it('resumes indexing after a restart, past a request that failed before', async () => {
    await engine.stop();
    // Stored but not indexed: written straight into the requests table while no indexer runs.
    const { openStore } = await import('../../../electron/engine/store');
    const store = openStore(join(dataDir, 'inspector.db'));
    const bodies = [regressions[0]!.replace('"p1"', '"p1-restart"'), wrap('New', deep(5_000, '[', ']')), ordinary('after-restart')];
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
    expect(store.counts().pending).toBe(3);
    store.close();
    await start();
    const listed = await eventually(async () => {
      const page = await call<{ items: Summary[] }>('listEvents', { limit: 3 });
      return page.ok && page.result.items[0]?.webhookId === 'after-restart' ? page.result.items : undefined;
    }, 20_000);
    // The body too deep to parse is listed without its envelope (null Id), with the reason.
    expect(listed.map((e) => e.webhookId)).toEqual(['after-restart', null, 'p1-restart']);
    expect(listed[1]!.indexError).toMatch(/deeper than 64/);
    expect((await engine.status()).counts.pending).toBe(0);
    await roundTrip(ordinary('once-more'));
  }, 60_000);
});

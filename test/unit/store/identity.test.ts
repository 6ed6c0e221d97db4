import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/engine/store';
import { SANDBOX_USER_AGENT } from '../../../shared/origin';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function openTemp(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-identity-'));
  const store = openStore(join(dir, 'inspector.db'));
  cleanups.push(() => (store.close(), rmSync(dir, { recursive: true, force: true })));
  return store;
}

function receive(store: Store, bodies: { body: string; sandbox?: boolean }[]): void {
  store.requests.insert(
    bodies.map(({ body, sandbox }) => ({
      receivedAt: 1_000,
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: sandbox ? ([['user-agent', SANDBOX_USER_AGENT]] as [string, string][]) : [],
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
}

const body = (id: string, entity = 'Lead', version = '0.8') =>
  JSON.stringify({ Id: id, Entity: entity, Data: { Op: 'update', New: { X: 1 }, Version: version } });

it('a known webhook Id replayed through the sandbox is another attempt of the same event, not a new one', () => {
  const store = openTemp();
  receive(store, [{ body: body('W-1') }, { body: body('W-1'), sandbox: true }, { body: body('W-2'), sandbox: true }, { body: body('W-2') }]);
  const items = store.events.list({ limit: 10 }).items;
  expect(items.map((e) => [e.webhookId, e.attempts]).sort()).toEqual([
    ['W-1', 2],
    ['W-2', 2],
  ]);
});

it('lists lead and Lead as one entity in the versions seen', () => {
  const store = openTemp();
  receive(store, [{ body: body('a', 'lead') }, { body: body('b', 'Lead') }, { body: body('c', 'LEAD', '1.0') }, { body: body('d', 'opportunity', '0.1') }]);
  const rows = store.events.versions().map(({ entity, version, count }) => ({ entity, version, count }));
  expect(rows).toEqual(
    expect.arrayContaining([
      { entity: 'Lead', version: '0.8', count: 2 },
      { entity: 'Lead', version: '1.0', count: 1 },
      { entity: 'Opportunity', version: '0.1', count: 1 },
    ]),
  );
  expect(rows).toHaveLength(3);
});

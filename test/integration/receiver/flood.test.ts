import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore, REJECTIONS_KEPT, type Store } from '../../../electron/engine/store';
import { rawExchange } from '../../helpers/raw-http';
import { eventually, startServe, type Served } from '../../helpers/serve';

let served: Served | undefined;
afterAll(async () => served?.close());

/** The database file's size once every committed page is in it (the WAL itself is capped by journal_size_limit). */
const dbBytes = (store: Store, dir: string) => {
  store.truncateWal();
  return statSync(join(dir, 'inspector.db')).size;
};

/** Counts the rejection events the UI is sent over browser mode's event stream. */
async function countUiEvents(s: Served, times: number[]): Promise<() => void> {
  const controller = new AbortController();
  const res = await fetch(`${s.baseUrl}/api/events`, { headers: { authorization: `Bearer ${s.token}` }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const match of decoder.decode(value, { stream: true }).matchAll(/"name":"rejections\./g)) if (match) times.push(performance.now());
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return () => controller.abort();
}

it('keeps the database and the UI event rate bounded under a wrong-secret flood', async () => {
  served = await startServe();
  const port = Number(new URL(served.receiverUrl).port);
  const uiEvents: number[] = [];
  const stopListening = await countUiEvents(served, uiEvents);

  // 10,000 requests over real sockets, 50 at a time, each with a wrong secret, to the real receiver thread.
  const FLOOD = 10_000;
  const started = performance.now();
  let next = 0;
  const statuses = new Map<number | null, number>();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < FLOOD) {
        next++;
        const answer = await rawExchange(port, 'POST /hooks HTTP/1.1\r\nHost: x\r\nX-Inspector-Secret: guessed-wrong\r\nContent-Length: 2\r\n\r\n{}');
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // A burst of 20 is answered 401; the rest come faster than 5 a second and are answered 429 at once.
  expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(FLOOD);
  expect(statuses.get(429)).toBeGreaterThan(FLOOD / 2);

  await eventually(async () => (await served!.call('status')).counts.rejected === FLOOD, 10_000);
  await new Promise((r) => setTimeout(r, 1_500)); // the last "skipped" note
  stopListening();
  const { items, totals } = await served.call('listRejections', { limit: 1000 });
  expect(items).toHaveLength(1000);
  expect(totals).toContainEqual(expect.objectContaining({ status: 401, remote: '127.0.0.1', count: statuses.get(401) }));
  expect(totals).toContainEqual(expect.objectContaining({ status: 429, remote: '127.0.0.1', count: statuses.get(429) }));

  // The UI heard of at most 20 rejections a second one by one, plus one "skipped" note a second.
  expect(uiEvents.length).toBeGreaterThan(0);
  expect(uiEvents.length).toBeLessThanOrEqual(21 * Math.ceil(seconds + 2.5));

  // Ten times more, straight into the store (as the receiver records them): the file stops growing.
  await served.kill();
  const store = openStore(join(served.dataDir, 'inspector.db'));
  try {
    expect(store.rejections.kept()).toBe(REJECTIONS_KEPT);
    const before = dbBytes(store, served.dataDir);
    for (let batch = 0; batch < 400; batch++)
      store.rejections.insert(
        Array.from({ length: 250 }, (_, i) => ({
          receivedAt: Date.now(),
          status: 401,
          reason: 'Wrong secret',
          method: 'POST',
          path: '/hooks',
          remote: `10.0.${batch % 4}.${i}`,
        })),
      );
    expect(dbBytes(store, served.dataDir)).toBeLessThan(before + 512 * 1024);
    expect(store.counts().rejected).toBe(FLOOD + 100_000);
    expect(store.rejections.kept()).toBe(REJECTIONS_KEPT);
  } finally {
    store.close();
  }
}, 120_000);

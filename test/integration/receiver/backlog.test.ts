import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../../electron/engine/store';
import { samplePayload } from '../../../electron/bench/load';
import { eventually, startServe, type Served } from '../../helpers/serve';

let served: Served | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'mwi-backlog-'));
afterAll(async () => {
  await served?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A run that stopped during a burst leaves committed requests not yet parsed. On the
 * next start the receiver's thread indexes them while the engine's connection writes
 * too (startup, retention, forwarding log): the indexer must leave it room, or the
 * engine fails to start with "database is locked" once the backlog outlasts the
 * 5 s busy timeout.
 */
it('starts and keeps answering while a large backlog of unparsed requests is indexed', async () => {
  const store = openStore(join(dataDir, 'inspector.db'));
  const count = 20_000;
  for (let start = 0; start < count; start += 1000) {
    store.requests.insert(
      Array.from({ length: 1000 }, (_, i) => ({
        receivedAt: Date.now(),
        method: 'POST',
        path: '/hooks',
        query: '',
        headers: [['content-type', 'application/json']] as [string, string][],
        body: samplePayload(start + i),
        bodyEncoded: null,
        contentEncoding: null,
        remote: '127.0.0.1',
      })),
      Date.now(),
    );
  }
  expect(store.counts().pending).toBe(count);
  store.close();

  served = await startServe({ dataDir });
  // Answering while parts of the backlog are still to be parsed.
  expect((await served.call('status')).counts.events).toBeLessThan(count);
  const res = await fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: samplePayload(count) });
  expect(res.status).toBe(200);
  // Every request of the backlog, and the new one, becomes an event.
  await eventually(async () => (await served!.call('status')).counts.events === count + 1, 100_000);
}, 150_000);

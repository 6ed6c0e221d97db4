import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@shared/random';
import { openStore } from '../engine/store';
import { learnShapes } from '../engine/shapes/learner';
import { runLoad } from './load';
import { benchEvent } from './seed';
import { rpc, serve } from './ui-bench';

/** Parses `count` committed requests with or without shape learning; events per second of indexing. */
function indexRate(count: number, learn: boolean): number {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-bench-shapes-'));
  const store = openStore(join(dir, 'inspector.db'), { synchronous: 'NORMAL' });
  if (learn) learnShapes(store, () => ['bench-secret-0123456789']);
  const random = seededRandom(7);
  for (let i = 0; i < count; i += 1000)
    store.requests.insert(
      Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
        receivedAt: Date.now(),
        method: 'POST',
        path: '/hooks',
        query: '',
        headers: [] as [string, string][],
        body: Buffer.from(benchEvent(i + j, random)),
        bodyEncoded: null,
        contentEncoding: null,
        remote: '127.0.0.1',
      })),
      Date.now(),
    );
  const started = performance.now();
  // The indexer's own slice size (16 requests per clock check).
  while (store.events.indexPending(16, 25).length) {
    // drain
  }
  const seconds = (performance.now() - started) / 1000;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return count / seconds;
}

/**
 * Shape learning runs in the indexer, behind the ack. Two figures: what learning costs the
 * indexer (events/s parsed with and without it, same machine, same run), and the indexing lag
 * (requests acked but not yet parsed) while the receiver takes webhooks at full rate, then how
 * long the indexer needs to catch up once the burst ends.
 */
export async function shapesBench(options: { seconds: number; connections: number }, log: (line: string) => void): Promise<void> {
  log('\n## Shape learning (in the indexer, behind the ack)');
  const rates = { without: [] as number[], with: [] as number[] };
  indexRate(5_000, false); // warm-up: page cache, JIT
  // Alternating which goes first, so drift on a shared machine hits both alike.
  for (let round = 0; round < 4; round++) {
    const order = round % 2 ? [true, false] : [false, true];
    for (const learn of order) rates[learn ? 'with' : 'without'].push(indexRate(20_000, learn));
  }
  const best = (xs: number[]) => Math.max(...xs);
  const cost = (1 - best(rates.with) / best(rates.without)) * 100;
  log(
    `  indexing 20,000 bench events (best of 4): ${best(rates.without).toFixed(0)} events/s without learning, ${best(rates.with).toFixed(0)} with ` +
      `(${cost > 0 ? `learning costs ${cost.toFixed(0)}% of the indexer` : 'no cost measurable above the noise'})`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'mwi-bench-shapes-load-'));
  const s = await serve(dataDir);
  try {
    const pending = async () => (await rpc<{ counts: { pending: number; events: number } }>(s, 'status', {})).counts;
    let maxPending = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxPending = Math.max(maxPending, (await pending()).pending);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const random = seededRandom(11);
    let n = 0;
    const load = await runLoad(s.receiverUrl, () => Buffer.from(benchEvent(5_000_000 + n++, random)), options.connections, options.seconds);
    sampling = false;
    await sampler;
    const endedAt = performance.now();
    let left = (await pending()).pending;
    while (left > 0 && performance.now() - endedAt < 120_000) {
      await new Promise((r) => setTimeout(r, 100));
      left = (await pending()).pending;
    }
    const drainMs = performance.now() - endedAt;
    const shapes = await rpc<{ items: { events: number }[] }>(s, 'listShapes', {});
    const learned = shapes.items.reduce((sum, x) => sum + x.events, 0);
    const counts = await pending();
    log(
      `  receiver at full rate (${options.connections} connections, ${options.seconds} s): ${load.rps.toFixed(0)} req/s, ack p99 ${load.p99.toFixed(2)} ms; ` +
        `indexing lag peaked at ${maxPending.toLocaleString()} requests (${(maxPending / load.rps).toFixed(1)} s of traffic), ` +
        `caught up ${(drainMs / 1000).toFixed(1)} s after the burst${left ? ` — NOT caught up, ${left} left` : ''}; ` +
        `learned ${learned.toLocaleString()} of ${counts.events.toLocaleString()} events`,
    );
  } finally {
    await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

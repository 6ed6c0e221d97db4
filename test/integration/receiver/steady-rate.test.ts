import { afterAll, expect, it } from 'vitest';
import { runLoad, samplePayload } from '../../../electron/bench/load';
import { eventually, startServe, type Served } from '../../helpers/serve';

let served: Served | undefined;
afterAll(async () => served?.close());

/**
 * A bulk update in Maximizer sends webhooks steadily, far below the receiver's capacity
 * but without a pause. The indexer yields to acknowledgements while webhooks arrive;
 * it must still keep the live list current at such a rate, not fall further behind
 * every second until the traffic stops (a fixed 4% share capped it at ~90 events/s).
 */
it('keeps the event list current while webhooks arrive steadily at 200 per second', async () => {
  served = await startServe();
  const rate = 200;
  const seconds = 4;
  const answers: Promise<Response>[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (answers.length < due)
      answers.push(fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: samplePayload(answers.length) }));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const statuses = await Promise.all(answers.map(async (answer) => (await answer).status));
  expect(statuses.every((status) => status === 200)).toBe(true);

  // Right after the last acknowledgement, at most half a second of traffic is still to be parsed.
  const { counts } = await served.call('status');
  expect(counts.requests).toBe(answers.length);
  expect(counts.pending).toBeLessThan(rate / 2);
  await eventually(async () => (await served!.call('status')).counts.events === answers.length);
}, 60_000);

/**
 * A flood beyond what the receiver's thread can index: acknowledgements come first, and
 * the indexer's floor (a small share of the thread) is all that keeps the live list moving
 * until the flood ends. A list that stood still would look like a hung app.
 */
it('keeps the event list moving while webhooks arrive as fast as they are acknowledged', async () => {
  served ??= await startServe();
  const s = served;
  const events = async () => (await s.call('status')).counts.events;
  const load = runLoad(s.receiverUrl, (i) => samplePayload(5_000_000 + i), 16, 4);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const early = await events();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const late = await events();
  const flood = await load;
  expect(flood.errors).toBe(0);
  // Still flooding when the second count was taken (4 s of load, counted at 1.5 s and 3.5 s).
  expect(flood.seconds).toBeGreaterThan(3.5);
  expect(late).toBeGreaterThan(early);
  const { counts } = await s.call('status');
  expect(counts.pending).toBeGreaterThan(0);
}, 60_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServe, type Served } from '../../helpers/serve';

let served: Served;
beforeAll(async () => {
  // The default 10 MiB limit, the receiver on its own thread: as a user runs it.
  served = await startServe();
});
afterAll(async () => served?.close());

it('answers 10 of 10 fetch POSTs of 12 MiB with a readable 413 (lingering close), each within the bound', async () => {
  const body = Buffer.alloc(12 * 1024 * 1024, 'a');
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    // Closed at once, the connection reset under the client still sending: fetch failed with EPIPE.
    const res = await fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/exceeds the 10485760-byte limit/);
    expect(performance.now() - started).toBeLessThan(10_000);
  }
  // The receiver still takes webhooks.
  expect(
    (
      await fetch(served.receiverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"Id":"after-413","Entity":"Lead","Data":{"Op":"Create"}}',
      })
    ).status,
  ).toBe(200);
}, 120_000);

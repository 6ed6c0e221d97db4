import { afterAll, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { eventually, startServe, type Served } from '../../helpers/serve';

let second: Served | undefined;
afterAll(async () => {
  await second?.kill();
  if (second) rmSync(second.dataDir, { recursive: true, force: true });
});

it('keeps every acknowledged webhook when the engine is killed with SIGKILL mid-burst', async () => {
  const first = await startServe();
  const acked: string[] = [];
  let killed = false;
  const send = async (id: string) => {
    try {
      const res = await fetch(first.receiverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { Id: id, Entity: 'Lead', Data: { Op: 'update', Original: { Key: 'TGVhZAkxCTA=', City: 'A' }, New: { City: id }, Version: '0.8' } },
        ]),
      });
      if (res.status === 200) acked.push(id);
    } catch {
      // connection cut by the kill: not acknowledged, so Maximizer would retry
    }
  };
  // 16 concurrent senders; the engine dies while requests are in flight.
  const senders = Array.from({ length: 16 }, async (_, s) => {
    for (let i = 0; !killed && i < 10_000; i++) await send(`crash-${s}-${i}`);
  });
  await eventually(() => acked.length >= 400, 30_000);
  await first.kill('SIGKILL');
  killed = true;
  await Promise.all(senders);
  expect(acked.length).toBeGreaterThanOrEqual(400);

  second = await startServe({ dataDir: first.dataDir });
  const stored = await eventually(async () => {
    const ids = new Set<string>();
    let before: string | undefined;
    for (;;) {
      const page = await second!.call('listEvents', { limit: 1000, before });
      page.items.forEach((e) => e.webhookId && ids.add(e.webhookId));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    return acked.every((id) => ids.has(id)) ? ids : false;
  }, 20_000);
  const lost = acked.filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
}, 90_000);

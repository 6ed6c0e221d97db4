import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { statusOutput, type Status } from '../../../shared/contract';
import { startEngine, type Engine } from '../../../electron/engine/engine';

let engine: Engine;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-status-'));
  engine = await startEngine({ dataDir, mode: 'browser', receiverThread: 'inline', sandboxRate: 0, log: () => {} });
});
afterAll(async () => {
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends status.changed after webhooks arrive, once per burst, with every service’s state typed', async () => {
  const seen: Status[] = [];
  const off = engine.bus.on('status.changed', (status) => seen.push(status));
  const { localUrl } = (await engine.status()).receiver;
  const post = (i: number) =>
    fetch(localUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Id: `s-${i}`, Entity: 'Lead', Data: { Op: 'create', New: { Key: `k${i}` }, Version: '0.8' } }),
    });
  await Promise.all(Array.from({ length: 20 }, (_, i) => post(i)));
  await expect.poll(() => seen.at(-1)?.counts.events, { timeout: 5_000 }).toBe(20);
  off();
  // A burst of 20 webhooks is a handful of updates, not one per webhook.
  expect(seen.length).toBeLessThan(10);
  const last = seen.at(-1)!;
  expect(statusOutput.strict().safeParse(last).success).toBe(true);
  expect(last).toMatchObject({
    counts: { events: 20, requests: 20, rejected: 0, pending: 0 },
    tunnel: { state: 'disabled' },
    forwarding: { rules: 0, response: { status: 200 } },
    connection: { kind: expect.any(String) },
  });
});

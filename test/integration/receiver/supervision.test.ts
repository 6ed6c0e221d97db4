import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/engine/bus';
import { startReceiver, type ReceiverHandle } from '../../../electron/engine/receiver/host';
import { ReceiverSupervisor } from '../../../electron/engine/receiver/supervisor';
import { Settings } from '../../../electron/engine/store/settings';
import { openStore, type Store } from '../../../electron/engine/store';
import type { EngineEvent } from '../../../shared/contract';
import { eventually, repoRoot } from '../../helpers/serve';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

const webhook = (id: string) =>
  JSON.stringify([{ Id: id, Entity: 'Lead', Data: { Op: 'update', Original: { Key: 'TGVhZAkxCTA=' }, New: { City: id }, Version: '0.8' } }]);

describe('receiver supervision', () => {
  it('restarts a receiver thread killed from outside mid-burst, on the same port, and stores every acknowledged webhook', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mwi-supervise-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const dbPath = join(dataDir, 'inspector.db');
    const store: Store = openStore(dbPath);
    cleanups.push(() => store.close());
    const bus = new EventBus();
    const events: EngineEvent[] = [];
    bus.onAny((e) => events.push(e));
    const lines: string[] = [];
    const workers: Worker[] = [];
    const receiver: ReceiverHandle = await startReceiver({
      dbPath,
      settings: new Settings(dataDir),
      port: 0,
      host: '127.0.0.1',
      thread: 'worker',
      store,
      bus,
      log: (line) => lines.push(line),
      // The real receiver thread, kept so the test can kill it the way a crash would.
      spawn: (config) => {
        const worker = new Worker(join(repoRoot, 'out/main/receiver-worker.js'), { workerData: config });
        workers.push(worker);
        return worker;
      },
    });
    cleanups.push(() => receiver.stop());
    const { port, secret } = receiver.info;
    const acked: string[] = [];
    let stop = false;
    const senders = Array.from({ length: 8 }, async (_, s) => {
      for (let i = 0; !stop; i++) {
        const id = `sup-${s}-${i}`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/hooks`, { method: 'POST', headers: { 'x-inspector-secret': secret }, body: webhook(id) });
          if (res.status === 200) acked.push(id);
        } catch {
          // cut by the kill (or refused while the new thread starts): not acknowledged, Maximizer retries
        }
      }
    });
    await eventually(() => acked.length >= 150, 20_000);
    await workers[0]!.terminate();
    const atKill = acked.length;
    await eventually(() => workers.length === 2 && receiver.info.restarts === 1, 10_000);
    await eventually(() => acked.length >= atKill + 150, 20_000);
    stop = true;
    await Promise.all(senders);

    expect(receiver.info.port).toBe(port);
    expect(receiver.info.lastRestart?.reason).toMatch(/exited with code/);
    expect(lines.some((l) => /receiver: thread died .*restarting on port/.test(l))).toBe(true);
    expect(lines.some((l) => /receiver: running again on port/.test(l))).toBe(true);
    expect(events.some((e) => e.name === 'receiver.changed' && 'restarts' in e.payload && e.payload.restarts === 1)).toBe(true);
    const stored = await eventually(() => {
      const ids = new Set<string>();
      let before: string | undefined;
      for (;;) {
        const page = store.events.list({ limit: 1000, before });
        page.items.forEach((e) => e.webhookId && ids.add(e.webhookId));
        if (!page.nextCursor) break;
        before = page.nextCursor;
      }
      return acked.every((id) => ids.has(id)) ? ids : false;
    }, 20_000);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);

  it('waits longer and longer before restarting a thread that keeps dying', async () => {
    let spawned = 0;
    const lines: string[] = [];
    const supervisor = new ReceiverSupervisor({
      // A stand-in thread that comes up, then dies 20 ms later, every time.
      spawn: () => {
        spawned++;
        return new Worker(
          "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'ready', port: 4321 }); setTimeout(() => process.exit(3), 20);",
          { eval: true },
        );
      },
      onMessage: () => {},
      onRestart: () => {},
      log: (line) => lines.push(line),
      random: () => 0.5,
    });
    cleanups.push(() => supervisor.stop());
    expect(await supervisor.start(0)).toBe(4321);
    await new Promise((r) => setTimeout(r, 2_000));
    // Restarted each time (same port), yet far from the hundreds a restart loop without backoff would make.
    expect(supervisor.info.restarts).toBeGreaterThanOrEqual(3);
    expect(spawned).toBeLessThanOrEqual(9);
    expect(supervisor.info.lastRestart?.reason).toBe('thread exited with code 3');
    expect(lines.filter((l) => l.includes('restarting on port 4321')).length).toBe(supervisor.info.restarts);
  }, 10_000);
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/engine/store';
import { startServe, type Served } from '../../helpers/serve';
import { mwi } from './mwi';

let served: Served | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await served?.close();
  served = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** A data folder holding `count` Lead updates, stored as the receiver and indexer store them. */
function storedEvents(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-read-'));
  const store = openStore(join(dir, 'inspector.db'));
  const now = Date.now();
  store.requests.insert(
    Array.from({ length: count }, (_, i) => ({
      receivedAt: now + i,
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: [['Content-Type', 'application/json']] as [string, string][],
      body: Buffer.from(
        JSON.stringify([
          {
            Id: `read-${i}`,
            Entity: 'Lead',
            Data: { Op: 'update', Original: { Key: 'TGVhZAkxMjM=', City: 'Toronto' }, New: { Key: 'TGVhZAkxMjM=', City: `City${i}` }, Version: '0.8' },
          },
        ]),
      ),
      bodyEncoded: null,
      contentEncoding: null,
      remote: '127.0.0.1',
    })),
    now,
  );
  while (store.events.indexPending(100, 1000).length) {
    // index everything
  }
  store.close();
  return dir;
}

describe('mwi events, show and status read the database, and start nothing', () => {
  it('with nothing running: answer from the database, publish no instance, write nothing', async () => {
    dataDir = storedEvents(3);
    const db = join(dataDir, 'inspector.db');
    const before = statSync(db).mtimeMs;
    const events = await mwi(['events', '--json', '--data-dir', dataDir]);
    expect(events.code, events.stderr).toBe(0);
    const lines = events.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; webhookId: string });
    expect(lines.map((e) => e.webhookId)).toEqual(['read-2', 'read-1', 'read-0']);
    expect(events.stderr).not.toContain('Starting the engine');

    const show = await mwi(['show', String(lines[0]!.id), '--data-dir', dataDir]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/City: "Toronto" → "City2"/);

    const status = await mwi(['status', '--json', '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: null, counts: { events: 3, requests: 3 } });

    // Read-only: the database file is untouched and nothing was published in the folder.
    expect(statSync(db).mtimeMs).toBe(before);
    expect(existsSync(join(dataDir, 'automation.json'))).toBe(false);
  }, 30_000);

  it('answer while another connection holds the write lock (an engine start would wait for it)', async () => {
    dataDir = storedEvents(2);
    const writer = new Database(join(dataDir, 'inspector.db'));
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    try {
      const events = await mwi(['events', '--json', '--data-dir', dataDir]);
      expect(events.code, events.stderr).toBe(0);
      expect(events.stdout.trim().split('\n')).toHaveLength(2);
      const status = await mwi(['status', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(status.stdout).counts.events).toBe(2);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  }, 30_000);

  it('an empty data folder: no events, counts of zero, a clear error for an unknown id; no database is created', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mwi-read-empty-'));
    const events = await mwi(['events', '--data-dir', dataDir]);
    expect(events.code).toBe(0);
    expect(events.stderr).toContain('No events match.');
    expect(JSON.parse((await mwi(['status', '--json', '--data-dir', dataDir])).stdout)).toMatchObject({ running: null, counts: { events: 0 } });
    const missing = await mwi(['show', '7', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('mwi: No event with id 7');
    expect(readdirSync(dataDir)).toEqual([]);
  }, 30_000);

  it('while browser mode runs: the same events, its status, and no second receiver or instance', async () => {
    served = await startServe();
    await served.call('sendTestEvent', { entity: 'Lead', op: 'update' });
    const listed = (await served.call('listEvents', {})).items;
    expect(listed.length).toBeGreaterThan(0);
    const published = readFileSync(join(served!.dataDir, 'automation.json'), 'utf8');

    const events = await mwi(['events', '--json', '--data-dir', served.dataDir]);
    expect(events.code, events.stderr).toBe(0);
    expect(
      events.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual(listed.map((e) => e.id));
    const show = await mwi(['show', String(listed[0]!.id), '--json', '--data-dir', served.dataDir]);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: listed[0]!.id });

    const status = await mwi(['status', '--json', '--data-dir', served.dataDir]);
    expect(JSON.parse(status.stdout)).toMatchObject({
      running: { kind: 'browser', url: served.baseUrl },
      receiver: { port: Number(new URL(served.receiverUrl).port) },
    });
    // How long a read takes is mostly what it loads: asking the instance must not load undici
    // (fetch, or an ES import of node:http, whose WebSocket getter loads it: ~40 ms of `mwi status`).
    const listBuiltins = `process.on('exit', () => process.stderr.write('\\nbuiltins: ' + process.moduleLoadList.join(' ')))`;
    const traced = await mwi(['status', '--json', '--data-dir', served.dataDir], {
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(listBuiltins)}`,
    });
    expect(traced.code, traced.stderr).toBe(0);
    expect(traced.stderr).toContain('builtins: ');
    expect(traced.stderr).toContain('NativeModule http');
    expect(traced.stderr).not.toContain('undici');
    // Browser mode is still the one published instance.
    expect(readFileSync(join(served!.dataDir, 'automation.json'), 'utf8')).toBe(published);
    expect(events.stderr + show.stderr + status.stderr).not.toContain('Starting the engine');
  }, 60_000);
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { checkpointer, type CheckpointResult } from '../../../electron/engine/store/checkpoint';

/**
 * Stands in for the receiver: another thread with its own connection and the receiver's
 * settings (commits without fsync, never checkpoints), committing 4 KB rows as fast as
 * a flood of webhooks would. `shared[0]` set stops it; `shared[1]` counts rows.
 */
const WRITER = `
  const { workerData, parentPort } = require('node:worker_threads');
  const Database = require('better-sqlite3');
  const db = new Database(workerData.path);
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare('INSERT INTO filler (bytes) VALUES (?)');
  const group = db.transaction((n) => { for (let i = 0; i < n; i++) insert.run(Buffer.alloc(4000, i)); });
  const shared = new Int32Array(workerData.shared);
  // 0.2 ms between commits, where the receiver flushes the WAL and reads the next requests.
  while (!Atomics.load(shared, 0)) { group(8); Atomics.add(shared, 1, 8); Atomics.wait(shared, 0, 0, 0.2); }
  db.close();
  parentPort.postMessage('closed');
`;

const ROW_BYTES = 4000;
/** A small threshold (1 MB) so the test writes tens of MB, not the engine's hundreds. */
const RESTART_ABOVE = 256;

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

it('starts the WAL over while another connection keeps committing, and loses no row', async () => {
  dir = mkdtempSync(join(tmpdir(), 'mwi-checkpoint-'));
  const path = join(dir, 'inspector.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_size_limit = 67108864');
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, bytes BLOB)');
  const wal = checkpointer(db, RESTART_ABOVE);

  const shared = new SharedArrayBuffer(8);
  const counts = new Int32Array(shared);
  const writer = new Worker(WRITER, { eval: true, workerData: { path, shared } });
  const closed = new Promise((resolve) => writer.once('message', resolve));
  const rounds: CheckpointResult[] = [];
  let largestWal = 0;
  // Rounds 10 ms apart until the writer has committed 48 MB: 48 times the restart threshold.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && Atomics.load(counts, 1) * ROW_BYTES < 48 * 2 ** 20) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    rounds.push(wal.checkpoint());
    largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
  }
  Atomics.store(counts, 0, 1);
  await closed;
  const rows = Atomics.load(counts, 1);

  expect(rows * ROW_BYTES).toBeGreaterThanOrEqual(48 * 2 ** 20);
  // With passive checkpoints alone the WAL kept every frame written under this load (48 MB and more).
  expect(largestWal).toBeLessThan(16 * 2 ** 20);
  expect(rounds.filter((round) => round.restarted).length).toBeGreaterThan(2);
  // Everything the writer committed is in the database once the WAL is copied.
  wal.truncate();
  expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(rows);
  expect(statSync(`${path}-wal`).size).toBe(0);
  db.close();
}, 40_000);

it('leaves a short WAL to start over by itself', () => {
  dir = mkdtempSync(join(tmpdir(), 'mwi-checkpoint-'));
  const db = new Database(join(dir, 'inspector.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, bytes BLOB)');
  const insert = db.prepare('INSERT INTO filler (bytes) VALUES (?)');
  for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(ROW_BYTES, i));
  const round = checkpointer(db, RESTART_ABOVE).checkpoint();
  expect(round).toEqual({ log: expect.any(Number), checkpointed: round.log, restarted: false });
  expect(round.log).toBeGreaterThan(0);
  expect(round.log).toBeLessThan(RESTART_ABOVE);
  db.close();
});

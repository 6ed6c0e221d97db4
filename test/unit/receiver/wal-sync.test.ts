import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { INLINE_BELOW_MS, WalSync, type Fsync } from '../../../electron/engine/receiver/wal-sync';

const dir = mkdtempSync(join(tmpdir(), 'mwi-walsync-'));
const wal = join(dir, 'inspector.db-wal');
writeFileSync(wal, '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A disk whose flushes take `ms` on the clock the WalSync is given (so a busy test machine
 * cannot make a fast disk look slow), optionally failing. An inline flush advances the
 * clock before returning, as a blocking fdatasync holds the thread; a pooled one tells
 * this thread later.
 */
function disk(ms: () => number, fail: () => Error | null = () => null) {
  const calls: ('inline' | 'pooled')[] = [];
  let clock = 0;
  const fsync: Fsync = {
    inline: () => {
      calls.push('inline');
      clock += ms();
      const error = fail();
      if (error) throw error;
    },
    pooled: (_fd, done) => {
      calls.push('pooled');
      const took = ms();
      setImmediate(() => {
        clock += took;
        done(fail());
      });
    },
  };
  return { fsync, calls, now: () => clock };
}

const flush = (sync: WalSync) =>
  new Promise<{ error: Error | null; sameTurn: boolean }>((resolve) => {
    let returned = false;
    sync.durable((error) => resolve({ error, sameTurn: !returned }));
    returned = true;
  });

it('flushes a fast disk on the receiver thread, telling the committer before durable() returns', async () => {
  const { fsync, calls, now } = disk(() => 0.05);
  const sync = new WalSync(wal, fsync, now);
  for (let i = 0; i < 20; i++) expect(await flush(sync)).toEqual({ error: null, sameTurn: true });
  expect(calls.every((c) => c === 'inline')).toBe(true);
  sync.close();
});

it('moves the flushes of a slow disk to the pool, so the thread keeps serving, and comes back when the disk is fast again', async () => {
  let ms = 5 * INLINE_BELOW_MS;
  const { fsync, calls, now } = disk(() => ms);
  const sync = new WalSync(wal, fsync, now);
  // The first slow flush blocks (nothing was known of this disk); the next ones go to the pool.
  await flush(sync);
  for (let i = 0; i < 5; i++) expect((await flush(sync)).sameTurn).toBe(false);
  expect(calls).toEqual(['inline', 'pooled', 'pooled', 'pooled', 'pooled', 'pooled']);
  expect(sync.inline).toBe(false);

  ms = 0;
  for (let i = 0; i < 60 && !sync.inline; i++) await flush(sync);
  expect(sync.inline).toBe(true);
  expect((await flush(sync)).sameTurn).toBe(true);
  sync.close();
});

it('reports a failed flush to the committer either way, so no sender is acknowledged', async () => {
  const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
  const fastDisk = disk(
    () => 0,
    () => eio,
  );
  const fast = new WalSync(wal, fastDisk.fsync, fastDisk.now);
  expect(await flush(fast)).toEqual({ error: eio, sameTurn: true });
  const slowDisk = disk(
    () => 5 * INLINE_BELOW_MS,
    () => eio,
  );
  const slow = new WalSync(wal, slowDisk.fsync, slowDisk.now);
  await flush(slow);
  expect(slow.inline).toBe(false);
  expect(await flush(slow)).toEqual({ error: eio, sameTurn: false });
  fast.close();
  slow.close();
});

it('reports a WAL file it cannot open as a failed flush', async () => {
  const sync = new WalSync(join(dir, 'missing', 'inspector.db-wal'));
  const result = await flush(sync);
  expect(result.error).toMatchObject({ code: 'ENOENT' });
});

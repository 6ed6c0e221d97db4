import type { Db } from './database';

/** What one checkpoint round did, in WAL frames (one page each). */
export interface CheckpointResult {
  /** Frames in the WAL when the round ended. */
  log: number;
  /** Of those, frames copied into the database. */
  checkpointed: number;
  /** Whether the round also made the next commit start the WAL over from its beginning. */
  restarted: boolean;
}

/**
 * A WAL longer than this (256 MB of 4 KB pages) is started over once it is all copied. Below it,
 * the WAL starts over by itself in the next pause between commits, which even a steady 150
 * webhooks/s leaves; only a flood fills it this far. Not lower: the restart holds the write
 * lock, and a receiver commit that meets it sleeps in SQLite's busy handler (1 ms at least);
 * restarting every second at 16 MB measured 1–2 ms worse ack p99 under full load.
 */
export const RESTART_ABOVE_FRAMES = 65_536;
/** The restart copies at most this many frames (a few hundred KB) while it holds the write lock. */
const RESTART_REMAINDER_FRAMES = 64;
/** Passive rounds before a restart: each copies what was appended while the one before ran. */
const PASSIVE_ROUNDS = 4;
/** How long the restart waits for the receiver's commit or an indexing read to finish; else it is tried next time. */
const RESTART_BUSY_MS = 20;

interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Copies committed WAL frames into the database, off the receiver's thread, without
 * letting the WAL grow for as long as webhooks keep coming.
 *
 * SQLite starts the WAL over only when a commit begins while every frame is copied and
 * no reader needs one. A passive checkpoint never blocks the receiver, but under steady
 * traffic the receiver appends while it copies, so that moment never came: at ~10k
 * webhooks/s the WAL grew by ~60 MB every second for as long as the load lasted, and
 * kept growing while the indexer caught up afterwards (docs/performance.md).
 *
 * So a long WAL is copied in passive rounds, each of which only has to catch up with
 * what arrived during the one before, and the last few dozen frames are copied by a
 * RESTART checkpoint, which holds the write lock only for that copy and the database's
 * fsync. The receiver's next commit then writes from the start of the file again, and
 * `journal_size_limit` (64 MB) trims what lies beyond.
 */
export function checkpointer(db: Db, restartAbove = RESTART_ABOVE_FRAMES) {
  const run = (mode: 'PASSIVE' | 'RESTART' | 'TRUNCATE'): CheckpointRow => (db.pragma(`wal_checkpoint(${mode})`) as CheckpointRow[])[0]!;
  const busyTimeout = (): number => db.pragma('busy_timeout', { simple: true }) as number;

  return {
    /** One round: passive copying, and a restart when the WAL is long and nearly all copied. */
    checkpoint(): CheckpointResult {
      let row = run('PASSIVE');
      for (let round = 1; round < PASSIVE_ROUNDS && row.log >= restartAbove && row.log - row.checkpointed > RESTART_REMAINDER_FRAMES; round++)
        row = run('PASSIVE');
      if (row.log < restartAbove || row.log - row.checkpointed > RESTART_REMAINDER_FRAMES)
        return { log: row.log, checkpointed: row.checkpointed, restarted: false };
      const timeout = busyTimeout();
      db.pragma(`busy_timeout = ${RESTART_BUSY_MS}`);
      try {
        row = run('RESTART');
      } finally {
        db.pragma(`busy_timeout = ${timeout}`);
      }
      return { log: row.log, checkpointed: row.checkpointed, restarted: row.busy === 0 };
    },
    /** Copies everything and empties the WAL file (tools and tests); waits for the write lock. */
    truncate: (): CheckpointResult => {
      const row = run('TRUNCATE');
      return { log: row.log, checkpointed: row.checkpointed, restarted: row.busy === 0 };
    },
  };
}

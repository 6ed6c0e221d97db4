import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ftsText } from './fts';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface StoreOptions {
  readonly?: boolean;
  /**
   * The receiver's connection never checkpoints: copying the WAL into the database
   * took ~1 ms of every commit under load. The engine's connection does it instead
   * (see `checkpoint`), off the receiver's thread.
   */
  autoCheckpoint?: boolean;
  /** fsync each group commit (FULL) or only at checkpoints (NORMAL). */
  synchronous?: 'FULL' | 'NORMAL';
  /** Hears about slow schema upgrades before they run (migrations.ts). */
  log?: (line: string) => void;
}

/** One connection, configured and migrated. Only the store's repositories ever see it. */
export function openDatabase(path: string, options: StoreOptions = {}): Db {
  // Owner-only, like the data folder: SQLite gives its -wal and -shm files the database file's mode.
  if (!options.readonly && path !== ':memory:' && !path.startsWith('file:')) {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  // better-sqlite3's packaged Node-API prebuild: the same file in Node, browser mode and Electron.
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -32000');
  if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
  // After a burst, the WAL file shrinks back instead of keeping its peak size.
  db.pragma('journal_size_limit = 67108864');
  // The FTS triggers index this text, not the payload's JSON (see ftsText). It never throws:
  // an exception here would fail the insert of an acknowledged body.
  db.function('mwi_fts_text', { deterministic: true }, (payload: unknown) => {
    try {
      return ftsText(typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload ?? ''));
    } catch {
      return typeof payload === 'string' ? payload : '';
    }
  });
  if (!options.readonly) migrate(db, undefined, options.log);
  return db;
}

/**
 * Runs `work` with commits that skip the fsync, for writes derived from rows that are already
 * durable (indexing) or that are diagnostics (the delivery log): the next FULL commit on this
 * database makes them durable too, and the receiver never waits behind their fsync.
 */
export function withoutFsync<T>(db: Db, options: StoreOptions, work: () => T): T {
  // Already NORMAL (the receiver's connection): two pragmas per indexer slice showed in its profile.
  if (options.synchronous === 'NORMAL') return work();
  db.pragma('synchronous = NORMAL');
  try {
    return work();
  } finally {
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  }
}

// Two connections write (the receiver's thread and the engine's): every transaction
// that reads before it writes takes the write lock up front (BEGIN IMMEDIATE), so it
// waits its turn instead of failing with SQLITE_BUSY_SNAPSHOT.

export const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** `?, ?, ?` for an IN list. */
export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(',');

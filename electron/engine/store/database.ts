import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ftsText } from './fts';
import { checkVersion, migrate, SCHEMA_VERSION } from './migrations';

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
  /** This connection's page cache, KiB (SQLite's default is 2000). */
  cacheKb?: number;
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
  if (options.readonly) return openReadonly(path, options);
  // better-sqlite3's packaged Node-API prebuild: the same file in Node, browser mode and Electron.
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
  db.pragma(`cache_size = -${options.cacheKb ?? 32000}`);
  if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
  // After a burst, the WAL file shrinks back instead of keeping its peak size.
  db.pragma('journal_size_limit = 67108864');
  registerFunctions(db);
  migrate(db, undefined, options.log);
  return db;
}

/** SQL functions the schema and the repositories' statements call; on every connection, read-only ones too. */
function registerFunctions(db: Db): void {
  // The FTS triggers index this text, not the payload's JSON (see ftsText). It never throws:
  // an exception here would fail the insert of an acknowledged body.
  db.function('mwi_fts_text', { deterministic: true }, (payload: unknown) => {
    try {
      return ftsText(typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload ?? ''));
    } catch {
      return typeof payload === 'string' ? payload : '';
    }
  });
}

/**
 * A reader beside whatever writes (`mwi events` while the app receives): no pragma that writes,
 * no checkpoint, no lock beyond SQLite's read snapshot. A database an older app left behind is
 * migrated first (one write, as the engine's start would), then opened for reading.
 */
function openReadonly(path: string, options: StoreOptions): Db {
  let db = new Database(path, { readonly: true, fileMustExist: true });
  if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
    db.close();
    openDatabase(path, { ...options, readonly: false }).close();
    db = new Database(path, { readonly: true, fileMustExist: true });
  }
  db.pragma('busy_timeout = 5000');
  registerFunctions(db);
  checkVersion(db);
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

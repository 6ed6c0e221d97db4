import { chmodSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The lock file in the data folder; holding it is what makes a process the folder's one engine. */
export const LOCK_FILE = 'instance.lock';

/** Another process (or another engine in this one) holds the data folder. */
export class DataDirInUseError extends Error {
  readonly code = 'EDATADIRINUSE';
  constructor(readonly dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another instance (the desktop app, browser mode or \`mwi listen\`). One instance per data folder: stop it, or choose another data folder.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface InstanceLock {
  release(): void;
}

/**
 * Takes the data folder's exclusive lock, or throws DataDirInUseError at once. The lock is an OS
 * file lock (fcntl on Unix, LockFileEx on Windows) held through SQLite's exclusive locking mode on
 * a file of its own: the OS drops it when the process dies, so a crash leaves no stale lock, and
 * two starts at the same instant cannot both win (a pid file could not promise either).
 */
export function lockDataDir(dataDir: string): InstanceLock {
  const path = join(dataDir, LOCK_FILE);
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the EXCLUSIVE lock; in this mode it is kept until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, since INTEGER)');
    db.prepare('DELETE FROM holder').run();
    db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataDirInUseError(dataDir);
    throw error;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 in node_modules is built for Node (tests, browser mode). The desktop
 * app loads an Electron-ABI build kept beside it (see scripts/fetch-electron-sqlite.mjs),
 * so neither build ever replaces the other.
 */
export function electronSqliteBinding(appRoot: string): string | null {
  const file = join(appRoot, 'native', `electron-${process.versions.modules}`, 'better_sqlite3.node');
  return existsSync(file) ? file : null;
}

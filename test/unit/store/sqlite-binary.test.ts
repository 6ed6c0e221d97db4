import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/engine/store';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
const prebuild = join(packageDir, 'prebuilds', `${process.platform}-${process.arch}.node`);

// One binary for tests, browser mode and the desktop app: better-sqlite3's packaged Node-API
// prebuild, loaded by the engine itself, with no side copy and no compile.
describe('SQLite binary', () => {
  it.runIf(process.platform === 'linux')('the engine loads better-sqlite3 from its packaged prebuild', () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'mwi-binary-')), 'events.db'));
    try {
      const loaded = readFileSync('/proc/self/maps', 'utf8')
        .split('\n')
        .map((line) => line.split(/\s+/).slice(5).join(' '))
        .filter((file) => file.endsWith('.node') && file.includes('sqlite'));
      expect([...new Set(loaded)]).toEqual([prebuild]);
    } finally {
      store.close();
    }
  });

  it('nothing overrides the binding, and no compiled copy exists beside the prebuild', () => {
    const sources = ['electron/engine/store/database.ts', 'electron/desktop/main/index.ts', 'electron/desktop/engine-host/index.ts'].map((file) =>
      readFileSync(join(import.meta.dirname, '../../..', file), 'utf8'),
    );
    for (const source of sources) expect(source).not.toMatch(/nativeBinding|MWI_SQLITE_NATIVE_BINDING/);
    expect(() => require.resolve(join(packageDir, 'build/Release/better_sqlite3.node'))).toThrow();
  });
});

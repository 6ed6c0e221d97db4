import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyBox, TokenStore, type SecretBox } from '../../../electron/engine/connection/token-store';

const TOKEN = 'pat-0123456789abcdef';

/** Stands in for Electron's safeStorage: a reversible transformation that hides the text. */
const fakeBox = (key: number): SecretBox => ({
  encrypt: (plain) => Buffer.concat([Buffer.from([key]), Buffer.from(plain, 'utf8').map((b) => b ^ key)]),
  decrypt: (sealed) => {
    if (sealed[0] !== key) throw new Error('sealed with another key');
    return Buffer.from(sealed.subarray(1).map((b) => b ^ key)).toString('utf8');
  },
  description: 'encrypted by a test keychain',
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mwi-tokens-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TokenStore', () => {
  it('browser mode: one owner-only file per connection, said so in plain words', () => {
    const store = new TokenStore(dir, undefined);
    store.save('aa11', TOKEN);
    store.save('bb22', 'another-token');
    expect(store.load('aa11')).toBe(TOKEN);
    expect(store.load('bb22')).toBe('another-token');
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(store.description).toMatch(/readable only by you \(mode 0600\)/);
    store.clear('aa11');
    expect(store.load('aa11')).toBeNull();
    expect(store.has('bb22')).toBe(true);
  });

  it('tightens the rights of an older, wider file when saving again', () => {
    const store = new TokenStore(dir, undefined);
    writeFileSync(join(dir, 'maximizer-token-aa11'), 'old', { mode: 0o644 });
    store.save('aa11', TOKEN);
    expect(statSync(join(dir, 'maximizer-token-aa11')).mode & 0o777).toBe(0o600);
  });

  it('desktop mode: the file holds only what the SecretBox sealed', () => {
    const store = new TokenStore(dir, fakeBox(0x5a));
    store.save('aa11', TOKEN);
    const [file] = readdirSync(dir);
    expect(file).toBe('maximizer-token-aa11.sealed');
    expect(readFileSync(join(dir, file!)).includes(TOKEN)).toBe(false);
    expect(store.load('aa11')).toBe(TOKEN);
    expect(store.description).toBe('encrypted by a test keychain');
  });

  it('a token sealed by another keychain counts as absent instead of crashing the engine', () => {
    new TokenStore(dir, fakeBox(1)).save('aa11', TOKEN);
    expect(new TokenStore(dir, fakeBox(2)).load('aa11')).toBeNull();
  });

  it('refuses ids that could reach outside the data folder', () => {
    const store = new TokenStore(dir, undefined);
    expect(() => store.save('../escape', TOKEN)).toThrow(/invalid connection id/);
  });

  it("moves the first version's single token file once", () => {
    writeFileSync(join(dir, 'maximizer-token'), TOKEN, { mode: 0o600 });
    const store = new TokenStore(dir, undefined);
    expect(store.takeLegacy()).toBe(TOKEN);
    expect(store.takeLegacy()).toBeNull();
  });
});

describe('token key (desktop): sealed by the keychain in the main process, used by the engine process', () => {
  afterEach(() => {
    vi.resetModules();
    vi.doUnmock('electron');
  });

  const withSafeStorage = async (available: boolean, backend: string) => {
    vi.doMock('electron', () => ({
      safeStorage: {
        isEncryptionAvailable: () => available,
        getSelectedStorageBackend: () => backend,
        encryptString: (plain: string) => Buffer.from(`sealed:${plain}`),
        decryptString: (sealed: Buffer) => {
          if (!sealed.toString().startsWith('sealed:')) throw new Error('not sealed by this keychain');
          return sealed.toString().replace(/^sealed:/, '');
        },
      },
    }));
    const { tokenKey } = await import('../../../electron/desktop/main/secret-box');
    return tokenKey(dir);
  };

  it('uses the keychain when there is one: the same key on every start, tokens readable across restarts', async () => {
    const first = await withSafeStorage(true, 'gnome_libsecret');
    expect(first).toBeDefined();
    if (process.platform === 'linux') expect(first!.description).toContain('gnome_libsecret');
    const store = new TokenStore(dir, keyBox(Buffer.from(first!.key, 'base64'), first!.description));
    store.save('abc', TOKEN);
    expect(readFileSync(join(dir, 'maximizer-token-abc.sealed')).includes(TOKEN)).toBe(false);
    vi.resetModules();
    const again = await withSafeStorage(true, 'gnome_libsecret');
    expect(again!.key).toBe(first!.key);
    expect(new TokenStore(dir, keyBox(Buffer.from(again!.key, 'base64'), again!.description)).load('abc')).toBe(TOKEN);
  });

  it('reseals tokens that earlier versions sealed with the keychain itself, once', async () => {
    writeFileSync(join(dir, 'maximizer-token-old.sealed'), `sealed:${TOKEN}`);
    const key = await withSafeStorage(true, 'gnome_libsecret');
    const store = new TokenStore(dir, keyBox(Buffer.from(key!.key, 'base64'), key!.description));
    expect(store.load('old')).toBe(TOKEN);
    expect(readFileSync(join(dir, 'maximizer-token-old.sealed')).toString()).not.toContain(TOKEN);
  });

  it('a token sealed with another key reads as absent, not as garbage', () => {
    new TokenStore(dir, keyBox(randomBytes(32), 'one')).save('abc', TOKEN);
    expect(new TokenStore(dir, keyBox(randomBytes(32), 'other')).load('abc')).toBeNull();
  });

  it('falls back to the owner-only file rather than a hard-coded key', async () => {
    expect(await withSafeStorage(false, 'gnome_libsecret')).toBeUndefined();
    if (process.platform === 'linux') expect(await withSafeStorage(true, 'basic_text')).toBeUndefined();
  });
});

import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BOX_MAGIC, keyBox } from '../../engine/connection/token-store';

const KEY_FILE = 'token-key.sealed';

/**
 * The key that seals Maximizer tokens at rest, itself sealed by the operating system's keychain
 * (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). Only this process can call
 * safeStorage, so the engine's process gets the unsealed key and seals tokens with it (keyBox).
 * When no keychain is usable (e.g. a Linux session without one, where safeStorage would fall back
 * to a hard-coded key) we return undefined, and the engine keeps the token in a file readable only
 * by the user, which the UI states.
 */
export function tokenKey(dataDir: string): { key: string; description: string } | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (backend === 'basic_text' || backend === 'unknown') return undefined;
  const where = process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'Windows (DPAPI)' : `the system keyring (${backend})`;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, KEY_FILE);
  let key: Buffer | undefined;
  if (existsSync(file)) {
    try {
      key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
    } catch {
      // Sealed by another account or keychain: tokens sealed with it are lost either way; start a new key.
    }
  }
  if (!key || key.length !== 32) {
    key = randomBytes(32);
    writeSecret(file, safeStorage.encryptString(key.toString('base64')));
  }
  const description = `encrypted by ${where}`;
  resealLegacyTokens(dataDir, key, description);
  return { key: key.toString('base64'), description };
}

/** Tokens of earlier versions were sealed by safeStorage itself: seal them with the key, once. */
function resealLegacyTokens(dataDir: string, key: Buffer, description: string): void {
  const box = keyBox(key, description);
  for (const name of readdirSync(dataDir)) {
    if (!/^maximizer-token(-[a-z0-9-]{1,64})?\.sealed$/.test(name)) continue;
    const file = join(dataDir, name);
    const data = readFileSync(file);
    if (data.subarray(0, KEY_BOX_MAGIC.length).equals(KEY_BOX_MAGIC)) continue;
    try {
      writeSecret(file, box.encrypt(safeStorage.decryptString(data)));
    } catch {
      // Not readable here (another account's keychain): left as it is; the engine treats it as absent.
    }
  }
}

function writeSecret(file: string, data: Buffer): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

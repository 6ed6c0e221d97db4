import { safeStorage } from 'electron';
import type { SecretBox } from '../engine/connection/token-store';

/**
 * Maximizer tokens sealed by the operating system's keychain (Keychain on macOS, DPAPI on Windows,
 * libsecret/kwallet on Linux). When no keychain is usable (e.g. a Linux session without one,
 * where safeStorage would fall back to a hard-coded key) we return undefined, and the engine keeps
 * the token in a file readable only by the user, which the UI states.
 */
export function safeStorageBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (backend === 'basic_text' || backend === 'unknown') return undefined;
  const where = process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'Windows (DPAPI)' : `the system keyring (${backend})`;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
    description: `encrypted by ${where}`,
  };
}

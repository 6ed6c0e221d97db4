import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts at rest; the desktop app passes one backed by Electron's safeStorage (OS keychain). */
export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Said in the UI: where the token lives. */
  description: string;
}

const SAFE_ID = /^[a-z0-9-]{1,64}$/;

/** What a sealed file of `keyBox` starts with, so a file sealed some other way is told apart. */
export const KEY_BOX_MAGIC = Buffer.from('mwi-aes1:');

/**
 * A box over a 32-byte key (AES-256-GCM). The desktop app keeps that key sealed by the OS keychain
 * (Electron's safeStorage, which only its main process can call) and hands it to the engine's
 * process at start, so the engine seals tokens without a round trip per token.
 */
export function keyBox(key: Buffer, description: string): SecretBox {
  if (key.length !== 32) throw new Error('a token key is 32 bytes');
  return {
    description,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([KEY_BOX_MAGIC, iv, cipher.getAuthTag(), sealed]);
    },
    decrypt(data) {
      if (!data.subarray(0, KEY_BOX_MAGIC.length).equals(KEY_BOX_MAGIC)) throw new Error('not sealed by this key box');
      const body = data.subarray(KEY_BOX_MAGIC.length);
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
      decipher.setAuthTag(body.subarray(12, 28));
      return Buffer.concat([decipher.update(body.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Maximizer tokens, one file per saved connection, kept outside the settings and the delivery
 * database. Without a SecretBox (browser mode) each is a file readable only by this user (mode 0600).
 */
export class TokenStore {
  constructor(
    private readonly dataDir: string,
    private readonly box: SecretBox | undefined,
  ) {}

  get description(): string {
    return this.box?.description ?? `a file readable only by you (mode 0600) in ${this.dataDir}`;
  }

  private file(id: string): string {
    // Ids are ours (random hex), but a hand-edited settings file must not reach outside the data dir.
    if (!SAFE_ID.test(id)) throw new Error(`invalid connection id "${id}"`);
    return join(this.dataDir, `maximizer-token-${id}${this.box ? '.sealed' : ''}`);
  }

  save(id: string, token: string): void {
    const file = this.file(id);
    const data = this.box ? this.box.encrypt(token) : Buffer.from(token, 'utf8');
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    chmodSync(tmp, 0o600); // an older file may have been created with wider rights
    renameSync(tmp, file);
  }

  load(id: string): string | null {
    const file = this.file(id);
    if (!existsSync(file)) return null;
    const data = readFileSync(file);
    try {
      return this.box ? this.box.decrypt(data) : data.toString('utf8');
    } catch {
      // Sealed by another user account or keychain: as good as absent; the user enters it again.
      return null;
    }
  }

  has(id: string): boolean {
    return existsSync(this.file(id));
  }

  clear(id: string): void {
    rmSync(this.file(id), { force: true });
  }

  /** The single-token file of the first version (before saved connections); read once, then removed. */
  takeLegacy(): string | null {
    const file = join(this.dataDir, this.box ? 'maximizer-token.sealed' : 'maximizer-token');
    if (!existsSync(file)) return null;
    try {
      const data = readFileSync(file);
      return this.box ? this.box.decrypt(data) : data.toString('utf8');
    } catch {
      return null;
    } finally {
      rmSync(file, { force: true });
    }
  }
}

import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts at rest; the desktop app passes one backed by Electron's safeStorage (OS keychain). */
export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Said in the UI: where the token lives. */
  description: string;
}

/**
 * The Maximizer token, kept outside the settings and the delivery database. Without
 * a SecretBox (browser mode) it is a file readable only by this user (mode 0600).
 */
export class TokenStore {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly box: SecretBox | undefined,
  ) {
    this.file = join(dataDir, box ? 'maximizer-token.sealed' : 'maximizer-token');
  }

  get description(): string {
    return this.box?.description ?? `a file readable only by you (${this.file}, mode 0600)`;
  }

  save(token: string): void {
    const data = this.box ? this.box.encrypt(token) : Buffer.from(token, 'utf8');
    writeFileSync(this.file, data, { mode: 0o600 });
    chmodSync(this.file, 0o600);
  }

  load(): string | null {
    if (!existsSync(this.file)) return null;
    const data = readFileSync(this.file);
    return this.box ? this.box.decrypt(data) : data.toString('utf8');
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

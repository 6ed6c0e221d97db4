import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The running instance's automation API, published in its data folder so `mwi` attaches to it
 * instead of starting a second receiver on the same database. Written 0600: the token is the key.
 */
export const INSTANCE_FILE = 'automation.json';

export const instanceInfo = z.object({
  pid: z.number().int().positive(),
  /** Who runs the engine: the desktop app, browser mode (`npm run serve`) or `mwi listen`. */
  kind: z.enum(['desktop', 'browser', 'cli']),
  /** Origin of the automation API, always on 127.0.0.1. */
  url: z.url(),
  token: z.string().min(8),
  startedAt: z.number(),
});
export type InstanceInfo = z.infer<typeof instanceInfo>;

/** How messages name an instance: "browser mode (pid 123)". */
export const instanceLabel = (info: Pick<InstanceInfo, 'kind' | 'pid'>) =>
  `${info.kind === 'desktop' ? 'the desktop app' : info.kind === 'browser' ? 'browser mode' : '`mwi listen`'} (pid ${info.pid})`;

export const instancePath = (dataDir: string) => join(dataDir, INSTANCE_FILE);

/** Writes the file atomically (no reader sees half of it); returns its removal, which spares a successor's file. */
export function publishInstance(dataDir: string, info: InstanceInfo): () => void {
  const path = instancePath(dataDir);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, JSON.stringify(info, null, 2), { mode: 0o600 });
  renameSync(temp, path);
  return () => {
    const current = readInstance(dataDir);
    if (current && current.pid === info.pid && current.token === info.token) rmSync(path, { force: true });
  };
}

export function readInstance(dataDir: string): InstanceInfo | null {
  let text: string;
  try {
    text = readFileSync(instancePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    return instanceInfo.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the published API answers with this token (a reused pid of a crashed instance does not). */
async function answers(info: InstanceInfo, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(`${info.url}/api/rpc/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The live instance on this data folder, or null. A file left by a crashed instance (its process
 * gone, or its port not answering with its token) is removed, so the next start is clean.
 */
export async function findInstance(dataDir: string, timeoutMs = 3_000): Promise<InstanceInfo | null> {
  const info = readInstance(dataDir);
  if (!info) {
    rmSync(instancePath(dataDir), { force: true });
    return null;
  }
  if (alive(info.pid) && (await answers(info, timeoutMs))) return info;
  if (readInstance(dataDir)?.token === info.token) rmSync(instancePath(dataDir), { force: true });
  return null;
}

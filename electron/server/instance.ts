import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The running instance's automation API, published in its data folder so `mwi` attaches to it
 * instead of starting a second receiver on the same database. Written 0600: the token is the key.
 */
export const INSTANCE_FILE = 'automation.json';

export interface InstanceInfo {
  pid: number;
  /** Who runs the engine: the desktop app, browser mode (`npm run serve`) or `mwi listen`. */
  kind: 'desktop' | 'browser' | 'cli';
  /** Origin of the automation API, always on 127.0.0.1. */
  url: string;
  token: string;
  startedAt: number;
}

const KINDS: readonly unknown[] = ['desktop', 'browser', 'cli'] satisfies InstanceInfo['kind'][];

/**
 * What is wrong with a parsed automation.json, or null when it is an InstanceInfo. Checked by
 * hand, not with zod: `mwi status` reads this file on every run, and loading zod cost it more
 * than the rest of the command (docs/performance.md, "`mwi` read commands").
 */
export function instanceInfoProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.pid) || (v.pid as number) <= 0) return 'pid: expected a positive integer';
  if (!KINDS.includes(v.kind)) return `kind: expected one of ${KINDS.join(', ')}`;
  if (typeof v.url !== 'string' || !/^https?:$/.test(URL.parse(v.url)?.protocol ?? '')) return 'url: expected an http:// URL';
  if (typeof v.token !== 'string' || v.token.length < 8) return 'token: expected a string of at least 8 characters';
  if (typeof v.startedAt !== 'number' || !Number.isFinite(v.startedAt)) return 'startedAt: expected a number';
  return null;
}

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

/** The published file: its instance, what is wrong with it, or null when there is none. */
export function readInstanceFile(dataDir: string): { info: InstanceInfo } | { problem: string } | null {
  let text: string;
  try {
    text = readFileSync(instancePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const problem = instanceInfoProblem(value);
  if (problem) return { problem };
  const v = value as InstanceInfo;
  // Only the fields, whatever else a newer app wrote beside them.
  return { info: { pid: v.pid, kind: v.kind, url: v.url, token: v.token, startedAt: v.startedAt } };
}

export function readInstance(dataDir: string): InstanceInfo | null {
  const file = readInstanceFile(dataDir);
  return file && 'info' in file ? file.info : null;
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

// Not `import ... from 'node:http'`: an ES import of a built-in copies all its exports, and
// node:http's WebSocket export is a getter that loads undici, the very cost avoided here
// (measured: 13 ms of require plus 29 ms of compiling Node's internals in `mwi status`).
const { request } = process.getBuiltinModule('node:http');

/**
 * One call of an instance's automation API: its HTTP status and parsed JSON body (null when the
 * body is not JSON); rejects when nothing answers within `timeoutMs`. node:http, not fetch: a
 * short-lived `mwi status` spent ~50 ms loading undici (and its TLS and web streams) for this.
 */
export function callInstance(
  info: Pick<InstanceInfo, 'url' | 'token'>,
  name: string,
  input: unknown,
  timeoutMs: number,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${info.url}/api/rpc/${name}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        // One call and done: no socket is kept for a next one that a command line never makes.
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          let body: unknown = null;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: the caller judges by the status
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${info.url} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(JSON.stringify(input ?? {}));
  });
}

/** The published API's answer to `status` when it answers with this token (a reused pid of a crashed instance does not); null otherwise. */
async function answeredStatus(info: InstanceInfo, timeoutMs: number): Promise<{ body: unknown } | null> {
  try {
    const { status, body } = await callInstance(info, 'status', {}, timeoutMs);
    return status >= 200 && status < 300 ? { body } : null;
  } catch {
    return null;
  }
}

/**
 * The live instance on this data folder and its answer to `status` (the probe that shows it is
 * live), or null. A file left by a crashed instance (its process gone, or its port not answering
 * with its token) is removed, so the next start is clean; so is one that is not an instance's
 * file at all, after `ignored` is told what is wrong with it.
 */
export async function findInstanceStatus(
  dataDir: string,
  options: { timeoutMs?: number; ignored?: (problem: string) => void } = {},
): Promise<{ info: InstanceInfo; status: unknown } | null> {
  const file = readInstanceFile(dataDir);
  if (!file || 'problem' in file) {
    if (file) options.ignored?.(file.problem);
    rmSync(instancePath(dataDir), { force: true });
    return null;
  }
  const { info } = file;
  const answer = alive(info.pid) ? await answeredStatus(info, options.timeoutMs ?? 3_000) : null;
  if (answer) return { info, status: answer.body };
  if (readInstance(dataDir)?.token === info.token) rmSync(instancePath(dataDir), { force: true });
  return null;
}

/** The live instance on this data folder, or null (see findInstanceStatus). */
export async function findInstance(dataDir: string, timeoutMs = 3_000): Promise<InstanceInfo | null> {
  return (await findInstanceStatus(dataDir, { timeoutMs }))?.info ?? null;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface Served {
  /** The server's process (the same after `serve` restarts itself with the engine's settings). */
  pid: number;
  uiUrl: string;
  baseUrl: string;
  token: string;
  receiverUrl: string;
  dataDir: string;
  output: () => string;
  call<K extends CallName>(name: K, input?: CallInput<K>): Promise<CallOutput<K>>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * Runs the real browser-mode server (`mwi serve` from out/main/mwi.js, built beforehand) on
 * ephemeral ports, as a user would start it, and talks to it over HTTP.
 */
export async function startServe(
  options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv; /** A localtunnel server to use; without it, no tunnel. */ tunnelHost?: string } = {},
): Promise<Served> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mwi-test-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'out/main/mwi.js'),
      'serve',
      // The built-in sandbox sends nothing unasked, so tests see only their own webhooks.
      ...['--data-dir', dataDir, '--port', '0', '--receiver-port', '0', '--sandbox-rate', '0'],
      ...(options.tunnelHost ? ['--tunnel-host', options.tunnelHost] : ['--no-tunnel']),
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 20_000);
    const check = () => {
      if (/Receiver:\s+\S+/.test(out) && /UI:\s+\S+/.test(out)) (clearTimeout(timer), ok());
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => (clearTimeout(timer), fail(new Error(`server exited with ${code}:\n${out}`))));
  });
  const uiUrl = /UI:\s+(\S+)/.exec(out)![1]!;
  const receiverUrl = /Receiver:\s+(\S+)/.exec(out)![1]!;
  const token = new URL(uiUrl).searchParams.get('token')!;
  const baseUrl = new URL(uiUrl).origin;
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    pid: child.pid!,
    uiUrl,
    baseUrl,
    token,
    receiverUrl,
    dataDir,
    output: () => out,
    async call(name, input) {
      const res = await fetch(`${baseUrl}/api/rpc/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await res.json()) as unknown;
      if (!res.ok) throw Object.assign(new Error(`${name} → HTTP ${res.status}: ${JSON.stringify(body)}`), { status: res.status, body });
      return body as never;
    },
    kill,
    async close() {
      await kill();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

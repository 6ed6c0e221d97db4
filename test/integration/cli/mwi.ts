import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, repoRoot } from '../../helpers/serve';

/** The built `mwi` (out/main/mwi.js), run as a user would; no colour, since stdout is not a terminal. */
const MWI = join(repoRoot, 'out/main/mwi.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `mwi` command to completion. */
export function mwi(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn(process.execPath, [MWI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** A long-running `mwi listen`: its output as it comes, and Ctrl-C. */
export interface Listening {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  lines: () => string[];
  /** Waits until stdout matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/**
 * `mwi listen` started the README's way from a clone (`./bin/mwi.mjs listen`, no npm in between), in a
 * process group of its own as a terminal's foreground job; `interrupt` is Ctrl-C: SIGINT to the group.
 */
export async function startListen(args: string[]): Promise<Listening> {
  const child = spawn(join(repoRoot, 'bin/mwi.mjs'), ['listen', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening: Listening = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    lines: () => stdout.split('\n').filter(Boolean),
    async waitFor(pattern, timeoutMs = 15_000) {
      try {
        return await eventually(
          () => (child.exitCode !== null ? Promise.reject(new Error('mwi listen exited')) : (pattern.exec(stdout) ?? undefined)),
          timeoutMs,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}; waiting for ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`, { cause: error });
      }
    },
    async interrupt() {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      return exited;
    },
  };
  return listening;
}

/** The automation API a running instance published in its data folder, called as any client would. */
export function instanceApi(dataDir: string) {
  const info = JSON.parse(readFileSync(join(dataDir, 'automation.json'), 'utf8')) as { url: string; token: string; pid: number; kind: string };
  return {
    info,
    async call<T = unknown>(name: string, input: unknown = {}): Promise<T> {
      const res = await fetch(`${info.url}/api/rpc/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as T;
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body;
    },
  };
}

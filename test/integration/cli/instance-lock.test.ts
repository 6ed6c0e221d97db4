import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { DataDirInUseError } from '../../../electron/engine/store/instance-lock';
import { repoRoot } from '../../helpers/serve';
import { mwi } from './mwi';

/**
 * One instance per data folder (issue 25): two instances on one folder each ran a receiver and
 * created their own Maximizer target. The engine holds an OS lock on the folder; whoever comes
 * second is refused with a clear message, even when both start at the same instant, and a
 * crashed holder leaves no stale lock behind.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mwi-lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const engineOn = async (dataDir: string): Promise<Engine> => {
  const engine = await startEngine({
    dataDir,
    mode: 'browser',
    receiverPort: 0,
    receiverThread: 'inline',
    tunnel: { enabled: false },
    connect: false,
    log: () => {},
  });
  cleanups.push(() => engine.stop());
  return engine;
};

/** `npm run serve` to its exit (or until it prints its UI line), its output. */
const serve = (dataDir: string) =>
  new Promise<{ code: number | null; out: string; running: boolean; kill(): void }>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'out/main/mwi.js'), 'serve', '--data-dir', dataDir, '--port', '0', '--receiver-port', '0', '--no-tunnel', '--sandbox-rate', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const kill = () => child.kill('SIGKILL');
    cleanups.push(kill);
    const seen = (c: Buffer) => {
      out += c.toString();
      if (/UI:\s+\S+/.test(out)) resolve({ code: null, out, running: true, kill });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => resolve({ code, out, running: false, kill }));
  });

describe('one instance per data folder', () => {
  it('refuses a second engine on a folder in use, and lets one start once the first stopped', async () => {
    const dataDir = folder();
    const first = await engineOn(dataDir);
    await expect(engineOn(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(engineOn(dataDir)).rejects.toThrow(/in use by another instance/);
    await first.stop();
    const second = await engineOn(dataDir);
    expect((await second.status()).receiver.port).toBeGreaterThan(0);
  });

  it('of two browser-mode servers started at the same instant on one folder, exactly one runs', async () => {
    const dataDir = folder();
    const both = await Promise.all([serve(dataDir), serve(dataDir)]);
    expect(both.filter((s) => s.running)).toHaveLength(1);
    const refused = both.find((s) => !s.running)!;
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Already running on .*(another instance holds its lock|browser mode \(pid \d+\))/);
  }, 30_000);

  it('`mwi listen` on a folder an engine holds says so and exits', async () => {
    const dataDir = folder();
    await engineOn(dataDir); // holds the lock, publishes no automation API for mwi to attach to
    const run = await mwi(['listen', '--no-tunnel', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/in use by another instance/);
  }, 30_000);

  it('a holder that crashed leaves no stale lock', async () => {
    const dataDir = folder();
    const crashed = await serve(dataDir);
    expect(crashed.running).toBe(true);
    crashed.kill();
    await new Promise((r) => setTimeout(r, 300));
    const engine = await engineOn(dataDir);
    expect((await engine.status()).receiver.port).toBeGreaterThan(0);
  }, 30_000);
});

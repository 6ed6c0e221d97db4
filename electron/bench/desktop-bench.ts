import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startHostInThread } from '../desktop/engine-host/in-thread';
import { startEngine } from '../engine/engine';
import { dispatch } from '../engine/rpc';
import { seededDataDir } from './seed';

const EVENTS = 100_000;

/** The event-loop delay (p99, ms) of this thread while `work` runs: what a window's main process would feel. */
async function loopDelayDuring(work: () => Promise<unknown>): Promise<{ p99: number; max: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  histogram.disable();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, ms };
}

/**
 * The desktop app's main process during an export of 100k events: with the engine in its own
 * process (as shipped) and, for contrast, in the main process (as before). The Electron binary is
 * not needed: the real built engine host runs in a worker thread, its own event loop, as in a
 * utility process; the bench's thread stands in for the main process.
 */
export async function desktopBench(log: (line: string) => void): Promise<void> {
  log(`\n## Desktop: the window's main process during an export of ${EVENTS.toLocaleString()} events`);
  const seeded = seededDataDir(EVENTS, log);
  const copy = (label: string) => {
    const dir = mkdtempSync(join(tmpdir(), `mwi-bench-desktop-${label}-`));
    cpSync(seeded, dir, { recursive: true });
    return dir;
  };
  const exportAll = { format: 'ndjson', wait: true };

  const hostDir = copy('host');
  const host = await startHostInThread(join(dirname(fileURLToPath(import.meta.url)), 'engine-host.js'), {
    dataDir: hostDir,
    tunnel: { enabled: false },
    staticDir: hostDir,
  });
  const separate = await loopDelayDuring(async () => {
    const answer = await host.call('exportEvents', exportAll);
    if (!answer.ok) throw new Error(`export failed: ${answer.error?.message}`);
  });
  await host.stop();
  rmSync(hostDir, { recursive: true, force: true });

  const inlineDir = copy('inline');
  const engine = await startEngine({ dataDir: inlineDir, mode: 'desktop', tunnel: { enabled: false }, sandboxRate: 0, log: () => {} });
  const inline = await loopDelayDuring(() => Promise.resolve(dispatch(engine.handlers, 'exportEvents', exportAll)));
  await engine.stop();
  rmSync(inlineDir, { recursive: true, force: true });

  const line = (label: string, r: { p99: number; max: number; ms: number }) =>
    `  ${label}: event-loop delay p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms over the ${(r.ms / 1000).toFixed(1)} s export`;
  log(`${line('engine in its own process (shipped)', separate)} (target p99 < 20 ms)`);
  log(line('engine in the main process (before)', inline));
}

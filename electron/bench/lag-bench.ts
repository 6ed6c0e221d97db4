import { Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../engine/store';
import { percentile, postJson, runLoad, samplePayload } from './load';
import { startChild } from './receiver-bench';

export interface LagBenchOptions {
  /** Webhooks per second of the sustained run, and its length. */
  rate: number;
  seconds: number;
  /** Length of the full-speed flood, and its connections. */
  floodSeconds: number;
  connections: number;
}

/** An open-loop load: `rate` POSTs a second, sent on a 10 ms tick whatever the answers do. */
async function runPaced(url: string, rate: number, seconds: number, offset: number): Promise<{ sent: number; ok: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  let sent = 0;
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  const one = (i: number) => {
    const payload = samplePayload(offset + i);
    const done = postJson(agent, target, payload).then((status) => void (status === 200 ? ok++ : errors++));
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) one(sent++);
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { sent, ok, errors };
}

/**
 * How far the live list falls behind the acks (issue 21): the age of the oldest acknowledged
 * request not yet indexed, sampled every 100 ms from the database, while an engine (receiver on
 * its thread, in its own process) takes a sustained rate, then how long the list needs to catch
 * up after a flood at full speed.
 */
export async function lagBench(options: LagBenchOptions, log: (line: string) => void): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mwi-bench-lag-'));
  const { child, url } = await startChild(['--serve-engine', dataDir]);
  const store = openStore(join(dataDir, 'inspector.db'), { readonly: true });
  const lagNow = () => {
    const counts = store.counts();
    return { pending: counts.pending, lagMs: counts.oldestPendingAt === null ? 0 : Math.max(0, Date.now() - counts.oldestPendingAt) };
  };
  try {
    log(
      `\n## Index lag: ${options.rate} webhooks/s of ${(samplePayload(0).length / 1024).toFixed(1)} KB for ${options.seconds} s, then a ${options.floodSeconds} s flood`,
    );
    const samples: number[] = [];
    let maxPending = 0;
    const sampler = setInterval(() => {
      const now = lagNow();
      samples.push(now.lagMs);
      maxPending = Math.max(maxPending, now.pending);
    }, 100);
    const paced = await runPaced(url, options.rate, options.seconds, 0);
    clearInterval(sampler);
    samples.sort((a, b) => a - b);
    const p99 = percentile(samples, 0.99);
    log(
      `  sustained: ${paced.ok} acknowledged, ${paced.errors} errors; lag p50 ${percentile(samples, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${(samples.at(-1) ?? NaN).toFixed(0)} ms; at most ${maxPending} waiting (target p99 < 1000 ms)`,
    );

    const flood = await runLoad(url, (i) => samplePayload(1_000_000 + i), options.connections, options.floodSeconds);
    const floodEnd = performance.now();
    const atEnd = lagNow();
    let caughtUpMs = NaN;
    while (performance.now() - floodEnd < 120_000) {
      if (lagNow().pending === 0) {
        caughtUpMs = performance.now() - floodEnd;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    log(
      `  flood: ${flood.requests} acknowledged in ${flood.seconds.toFixed(1)} s (${flood.rps.toFixed(0)}/s, ack p99 ${flood.p99.toFixed(1)} ms, ${flood.errors} errors); ` +
        `${atEnd.pending} waiting at its end (oldest ${atEnd.lagMs} ms); caught up ${(caughtUpMs / 1000).toFixed(1)} s after it (target < 10 s)`,
    );
    return { lagP99Ms: p99, floodRps: flood.rps, catchUpMs: caughtUpMs };
  } finally {
    store.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtMwi } from './built-mwi';
import { runLoad, samplePayload, type LoadResult } from './load';

/** Child-process side: a bare node:http server that reads the body and answers 200, storing nothing. */
export function serveBare(): void {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":1}');
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`);
  });
}

/**
 * Child-process side: the peer, HTTP Toolkit's mockttp, answering 200 to every
 * request and keeping each one (headers and body) in memory, as a recording mock does.
 */
export async function servePeer(): Promise<void> {
  const { getLocal } = await import('mockttp');
  const server = getLocal({ recordTraffic: true });
  await server.start(0);
  const endpoint = await server.forAnyRequest().thenReply(200, '{"received":1}', { 'content-type': 'application/json' });
  process.on('SIGTERM', () => {
    void endpoint.getSeenRequests().then((seen) => {
      console.error(`  (peer recorded ${seen.length} requests)`);
      process.exit(0);
    });
  });
  console.log(`READY http://127.0.0.1:${server.port}/hooks`);
}

export function startChild(args: string[], nodeFlags: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeFlags, builtMwi, 'bench', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`bench child exited with ${code}: ${out}`)));
  });
}

/** CPU time (user + system) in a /proc `stat` file, in ms; it throws where the file is absent. */
function statCpuMs(path: string): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (user + system, every thread) a process has used so far, in ms; null where /proc is absent. */
function cpuMs(pid: number): number | null {
  try {
    return statCpuMs(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
}

/** CPU time per thread name (worker, libuv pool, V8 helpers…) a process has used so far, in ms. */
function threadCpuMs(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        byName.set(name, (byName.get(name) ?? 0) + statCpuMs(`/proc/${pid}/task/${tid}/stat`));
      } catch {
        // The thread ended between listing and reading.
      }
    }
  } catch {
    // No /proc here.
  }
  return byName;
}

/** "WorkerThread 41, MainThread 12, …": µs per request by thread name, busiest first. */
function threadBreakdown(before: Map<string, number>, after: Map<string, number>, requests: number): string {
  return [...after]
    .map(([name, ms]) => [name, ((ms - (before.get(name) ?? 0)) * 1000) / requests] as const)
    .filter(([, us]) => us >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${us.toFixed(0)}`)
    .join(', ');
}

const KINDS = ['bare', 'receiver', 'peer'] as const;
type Kind = (typeof KINDS)[number];

interface Run extends LoadResult {
  /** Server CPU (all its threads) per acknowledged request, µs. */
  cpuPerRequest: number | null;
}

const fmt = (r: Run) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2).padStart(5)} ms  ` +
  `server CPU ${r.cpuPerRequest === null ? '?' : r.cpuPerRequest.toFixed(0).padStart(3)} µs/req  load CPU ${r.loadCpuPerRequest.toFixed(0)} µs/req  (${r.requests} ok, ${r.errors} errors)`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  // An even count (e.g. --rounds 2) takes the mean of the middle two rather than the higher one.
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface ReceiverBenchOptions {
  seconds: number;
  connections: number;
  rounds: number;
  /** Which servers to run (default all three). */
  kinds?: Kind[];
  /** Write V8 CPU profiles of each receiver process (main thread and receiver worker) here. */
  cpuProfDir?: string;
  /** Also print each server's CPU per request by thread. */
  threads?: boolean;
}

export async function receiverBench(options: ReceiverBenchOptions): Promise<Record<string, number>> {
  let offset = 0;
  const body = (i: number) => samplePayload(offset + i);
  const size = samplePayload(0).length;
  const kinds = options.kinds ?? [...KINDS];
  console.log(
    `\n## Receiver: ${options.connections} connections, ${size}-byte JSON posts, ${options.seconds} s per run, ${options.rounds} rounds` +
      `\n   (bare node:http storing nothing; the receiver acking after commit + fsync; mockttp recording in memory — each its own process)`,
  );
  const results: Record<Kind, Run[]> = { bare: [], receiver: [], peer: [] };
  // Alternate the servers so drift on a shared machine hits all alike.
  for (let round = 0; round < options.rounds; round++) {
    for (const kind of kinds) {
      // Every receiver run gets a fresh data directory: a previous run's backlog
      // would be indexed during this one and skew it.
      const dataDir = kind === 'receiver' ? mkdtempSync(join(tmpdir(), 'mwi-bench-')) : null;
      const flags = kind === 'receiver' && options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
      const args = kind === 'bare' ? ['--serve-bare'] : kind === 'peer' ? ['--serve-peer'] : ['--serve-engine', dataDir!];
      const { child, url } = await startChild(args, flags);
      await runLoad(url, body, options.connections, 1); // warm-up
      offset += 1_000_000;
      const cpuBefore = cpuMs(child.pid!);
      const threadsBefore = options.threads ? threadCpuMs(child.pid!) : null;
      // Monotonic µs, the clock V8 stamps profile samples with: the window to read a profile over.
      const windowFrom = process.hrtime.bigint() / 1000n;
      const load = await runLoad(url, body, options.connections, options.seconds);
      const windowTo = process.hrtime.bigint() / 1000n;
      const cpuAfter = cpuMs(child.pid!);
      const threadsAfter = options.threads ? threadCpuMs(child.pid!) : null;
      offset += 1_000_000;
      const run: Run = {
        ...load,
        cpuPerRequest: cpuBefore === null || cpuAfter === null || !load.requests ? null : ((cpuAfter - cpuBefore) * 1000) / load.requests,
      };
      results[kind].push(run);
      console.log(`  ${kind.padEnd(8)} ${fmt(run)}`);
      if (threadsBefore && threadsAfter && load.requests)
        console.log(`    server CPU by thread (µs/req): ${threadBreakdown(threadsBefore, threadsAfter, load.requests)}`);
      if (flags.length)
        console.log(
          `    profile (pid ${child.pid}): node scripts/receiver-profile.mjs ${options.cpuProfDir}/CPU.*.${child.pid}.<worker>.cpuprofile ${load.requests} ${windowFrom} ${windowTo}`,
        );
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const summary: Record<string, number> = {};
  const med = (kind: Kind) => (results[kind].length ? median(results[kind].map((r) => r.rps)) : NaN);
  for (const kind of kinds) summary[`${kind}Rps`] = med(kind);
  // Same-round ratios: each round's receiver against that round's bare and peer.
  const ratios = (other: Kind) => results.receiver.map((r, i) => r.rps / (results[other][i]?.rps ?? NaN)).filter(Number.isFinite);
  const line = (label: string, values: number[]) =>
    values.length ? `${label} ${median(values).toFixed(2)} (rounds: ${values.map((v) => v.toFixed(2)).join(', ')})` : null;
  if (results.receiver.length) {
    const toBare = ratios('bare');
    const toPeer = ratios('peer');
    summary.ratioBare = toBare.length ? median(toBare) : NaN;
    summary.ratioPeer = toPeer.length ? median(toPeer) : NaN;
    summary.ackP50 = median(results.receiver.map((r) => r.p50));
    summary.ackP99 = median(results.receiver.map((r) => r.p99));
    const bareLine = line('receiver/bare', toBare);
    const parts = [bareLine && `${bareLine} (target ≥ 0.70)`, line('receiver/peer', toPeer)].filter(Boolean);
    if (parts.length) console.log(`  median ${parts.join('   ')}`);
    console.log(`  receiver ack p50 ${summary.ackP50.toFixed(2)} ms, p99 ${summary.ackP99.toFixed(2)} ms (median of rounds; target p99 < 10 ms)`);
  }
  const cpu = kinds
    .map((kind) => {
      const values = results[kind].map((r) => r.cpuPerRequest).filter((v): v is number => v !== null);
      return values.length ? `${kind} ${median(values).toFixed(0)}` : null;
    })
    .filter(Boolean);
  if (cpu.length) console.log(`  server CPU per request (µs, median): ${cpu.join(', ')}`);
  return summary;
}

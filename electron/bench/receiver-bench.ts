import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export function startChild(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  (${r.requests} ok, ${r.errors} errors)`;

export async function receiverBench(options: { seconds: number; connections: number }): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mwi-bench-'));
  let offset = 0;
  const body = (i: number) => samplePayload(offset + i);
  const size = samplePayload(0).length;
  console.log(`\n## Receiver: ${options.connections} connections, ${size}-byte JSON posts, ${options.seconds} s per run`);
  const results: { bare: LoadResult[]; receiver: LoadResult[] } = { bare: [], receiver: [] };
  // Alternate the two servers so drift on a shared machine hits both alike.
  for (let round = 0; round < 2; round++) {
    for (const kind of ['bare', 'receiver'] as const) {
      const { child, url } = await startChild(kind === 'bare' ? ['--serve-bare'] : ['--serve-engine', dataDir]);
      await runLoad(url, body, options.connections, 1); // warm-up
      offset += 1_000_000;
      const result = await runLoad(url, body, options.connections, options.seconds);
      offset += 1_000_000;
      results[kind].push(result);
      console.log(`  ${kind.padEnd(8)} ${fmt(result)}`);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  const best = (list: LoadResult[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const bare = best(results.bare);
  const receiver = best(results.receiver);
  const ratio = receiver.rps / bare.rps;
  console.log(`  ratio receiver/bare: ${ratio.toFixed(2)} (target ≥ 0.70)   receiver ack p99: ${receiver.p99.toFixed(2)} ms (target < 10 ms)`);
  return { bareRps: bare.rps, receiverRps: receiver.rps, ratio, ackP50: receiver.p50, ackP99: receiver.p99 };
}

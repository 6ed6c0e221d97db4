import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU the load generator itself used per answered request (µs): on a small machine it competes with the server. */
  loadCpuPerRequest: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** One JSON POST on a keep-alive agent: the answer's status once its body is read, or null when the request failed. */
export function postJson(agent: Agent, target: URL, payload: Buffer, headers: Record<string, string> = {}): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? null));
      },
    );
    req.on('error', () => resolve(null));
    req.end(payload);
  });
}

/**
 * A closed-loop load: `connections` keep-alive sockets, each sending the next POST
 * as soon as the previous one is answered, for `seconds`. Latency is send → full answer.
 */
export async function runLoad(
  url: string,
  body: (i: number) => Buffer,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  let sent = 0;
  const one = async () => {
    const payload = body(sent++);
    const started = performance.now();
    if ((await postJson(agent, target, payload, headers)) === 200) latencies.push(performance.now() - started);
    else errors++;
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    loadCpuPerRequest: latencies.length ? (cpu.user + cpu.system) / latencies.length : NaN,
  };
}

/** A ~2 KB Maximizer-shaped update, with a fresh Id each call so nothing dedupes. */
export function samplePayload(i: number): Buffer {
  const event = {
    Id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    Timestamp: '2024-09-20T00:01:29.5149836Z',
    ProcessedTimestamp: '2024-09-20T00:02:45.8974002Z',
    WorkspaceId: '108F314C-6787-4EE6-BE49-C0E0C651F039',
    Recipients: [],
    Options: null,
    Entity: 'Lead',
    Data: {
      Op: 'update',
      Original: {
        Key: 'TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw',
        FirstName: 'Ada',
        LastName: 'Lovelace',
        CompanyName: 'Analytical Engines Ltd',
        Email: 'ada@example.com',
        Notes: 'x'.repeat(900),
        Address: { AddressLine1: '12 St James Square', City: 'London', Country: 'UK', ZipCode: 'SW1Y 4JH' },
      },
      New: { Key: 'TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw', Email: 'ada.l@example.com', Notes: 'y'.repeat(600) },
      Version: '0.8',
    },
  };
  return Buffer.from(JSON.stringify([event]));
}

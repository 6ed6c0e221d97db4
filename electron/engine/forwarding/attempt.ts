import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AttemptOutcome } from '@shared/contract/forwarding';

/** What one POST produced: judged at the deadline, completed (possibly late) afterwards. */
export interface AttemptResult {
  status: number | null;
  latencyMs: number | null;
  outcome: AttemptOutcome;
  late: boolean;
  reason: string | null;
  headers: [string, string][];
  body: Buffer;
  size: number;
  truncated: boolean;
}

export interface AttemptOptions {
  url: string;
  /** Flat raw header list (`[name, value, name, value…]`): names keep their case and order. */
  headers: string[];
  body: Buffer;
  deadlineMs: number;
  /** How long to keep listening after the deadline to record a late answer. */
  graceMs: number;
  capBytes: number;
  /** Monotonic clock in ms (performance.now), injectable for tests. */
  clock?: () => number;
}

export interface AttemptHandle {
  /** Resolves as Maximizer would judge it: at the answer, or at the deadline. */
  verdict: Promise<AttemptResult>;
  /** Resolves when nothing more can be learned: the answer (even late), or deadline + grace. */
  final: Promise<AttemptResult>;
  abort(): void;
}

const seconds = (ms: number) => `${ms / 1000} s`;

function reasonFor(outcome: AttemptOutcome, status: number | null, latency: number | null, deadlineMs: number, error?: string): string | null {
  switch (outcome) {
    case 'ok':
      return null;
    case 'status':
      return `answered ${status}: Maximizer counts anything but 200 as a failure`;
    case 'timeout':
      return status !== null && latency !== null
        ? `answered ${status} after ${Math.round(latency)} ms: Maximizer gives up after ${seconds(deadlineMs)}`
        : `no complete answer within ${seconds(deadlineMs)}`;
    case 'error':
      return error ?? 'no answer';
  }
}

/**
 * One POST with Maximizer's judgement: a complete 200 within the deadline succeeds; anything
 * else fails. Unlike Maximizer, it keeps listening for a while after the deadline so the user
 * sees what a slow handler eventually answered.
 */
export function postOnce(options: AttemptOptions): AttemptHandle {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  let resolveVerdict!: (r: AttemptResult) => void;
  let resolveFinal!: (r: AttemptResult) => void;
  const verdict = new Promise<AttemptResult>((r) => (resolveVerdict = r));
  const final = new Promise<AttemptResult>((r) => (resolveFinal = r));
  let judged = false;
  let finished = false;
  let status: number | null = null;
  let headers: [string, string][] = [];
  const chunks: Buffer[] = [];
  let kept = 0;
  let size = 0;
  let req: ClientRequest | undefined;

  const snapshot = (outcome: AttemptOutcome, latency: number | null, late: boolean, error?: string): AttemptResult => ({
    status,
    latencyMs: latency,
    outcome,
    late,
    reason: reasonFor(outcome, status, latency, options.deadlineMs, error),
    headers,
    body: Buffer.concat(chunks, kept),
    size,
    truncated: size > kept,
  });

  const finish = (result: AttemptResult) => {
    if (finished) return;
    finished = true;
    clearTimeout(deadlineTimer);
    clearTimeout(graceTimer);
    if (!judged) {
      judged = true;
      resolveVerdict(result);
    }
    resolveFinal(result);
    req?.destroy();
  };

  const complete = () => {
    const latency = clock() - started;
    if (!judged) finish(snapshot(status === 200 ? 'ok' : 'status', latency, false));
    // Judged a timeout already: record what came, late.
    else finish(snapshot('timeout', latency, true));
  };

  const fail = (error: NodeJS.ErrnoException) => {
    if (finished) return;
    const message = error.code ? `${error.code}: ${error.message}` : error.message;
    if (!judged) finish(snapshot('error', null, false, message));
    else finish(snapshot('timeout', status === null ? null : clock() - started, status !== null));
  };

  const deadlineTimer = setTimeout(() => {
    if (judged) return;
    judged = true;
    resolveVerdict(snapshot('timeout', null, false));
  }, options.deadlineMs);
  const graceTimer = setTimeout(() => finish(snapshot('timeout', null, false)), options.deadlineMs + options.graceMs);

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    fail(new Error(`not a URL: ${options.url}`));
    return { verdict, final, abort: () => {} };
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    req = send(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        // With a raw header list Node adds no Host of its own; the target's goes first, as usual.
        headers: ['Host', url.host, ...options.headers],
        agent: false,
      },
      (res: IncomingMessage) => {
        status = res.statusCode ?? null;
        headers = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (kept < options.capBytes) {
            const part = chunk.subarray(0, options.capBytes - kept);
            chunks.push(part);
            kept += part.length;
          }
        });
        res.on('end', complete);
        res.on('error', fail);
      },
    );
  } catch (error) {
    fail(error as NodeJS.ErrnoException);
    return { verdict, final, abort: () => {} };
  }
  req.on('error', fail);
  req.end(options.body);
  return {
    verdict,
    final,
    abort: () => fail(Object.assign(new Error('cancelled'), { code: 'ECANCELED' })),
  };
}

import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateSync, inflateRawSync, brotliDecompressSync } from 'node:zlib';

export class BodyError extends Error {
  constructor(
    readonly status: 408 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

interface Reading {
  since: number;
  fail: (error: BodyError) => void;
}

/**
 * Reads request bodies up to `limit` bytes; refuses early on Content-Length, and
 * answers a stalled body with 408. One sweep timer serves every read in progress
 * (a timer per request cost a timer-list insert and removal per webhook), so a
 * stall is noticed between `timeoutMs` and `timeoutMs` plus one sweep period.
 */
export class BodyReader {
  private readonly reading = new Set<Reading>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly limit: number,
    private readonly timeoutMs: number,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(1000, Math.max(20, timeoutMs / 4)));
    this.sweeper.unref();
  }

  /** `declared` is the Content-Length header (NaN when absent); `done` is called exactly once. */
  read(req: IncomingMessage, declared: number, done: (error: Error | null, body: Buffer) => void): void {
    const limit = this.limit;
    if (declared > limit) return done(new BodyError(413, `Body of ${declared} bytes exceeds the ${limit}-byte limit`), EMPTY);
    let first: Buffer | null = null;
    let chunks: Buffer[] | null = null;
    let size = 0;
    const finish = (error: Error | null, body: Buffer) => {
      if (!this.reading.delete(reading)) return;
      req.off('data', onData);
      done(error, body);
    };
    const reading: Reading = { since: performance.now(), fail: (error) => finish(error, EMPTY) };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(new BodyError(413, `Body exceeds the ${limit}-byte limit`), EMPTY);
      // Most webhooks arrive in one chunk: no array, no copy.
      if (first === null) first = chunk;
      else (chunks ??= [first]).push(chunk);
    };
    this.reading.add(reading);
    req.on('data', onData);
    req.on('end', () => finish(null, chunks ? Buffer.concat(chunks, size) : (first ?? EMPTY)));
    req.on('error', (error) => finish(error, EMPTY));
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const stalled = performance.now() - this.timeoutMs;
    for (const reading of this.reading) if (reading.since <= stalled) reading.fail(new BodyError(408, `Body not complete within ${this.timeoutMs} ms`));
  }
}

const EMPTY = Buffer.alloc(0);

const tooLarge = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';

function decodeOne(body: Buffer, name: string, limit: number): Buffer | undefined {
  const opts = { maxOutputLength: limit };
  if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body, opts);
  if (name === 'br') return brotliDecompressSync(body, opts);
  if (name !== 'deflate') return undefined;
  // "deflate" is zlib-wrapped by the spec, raw in some clients: accept both. A zlib body that
  // inflates past the limit is a bomb, not a raw body: it must not fall through to the raw retry.
  try {
    return inflateSync(body, opts);
  } catch (error) {
    if (tooLarge(error)) throw error;
    return inflateRawSync(body, opts);
  }
}

/** Content codings we undo; at most this many stacked (`gzip, gzip`), each bounded by the limit. */
const MAX_CODINGS = 2;

/**
 * Undoes Content-Encoding (stacked codings in reverse order, as RFC 9110 lists them). A body
 * whose coding we know but whose bytes are corrupt is kept as it arrived, with the reason,
 * rather than refused: Maximizer would only retry and then drop it. A coding we do not know
 * is refused with 415 (no sender of webhooks uses one), and a body that decodes past the
 * limit with 413, whatever the coding.
 */
export function decodeBody(
  body: Buffer,
  encoding: string | undefined,
  limit: number,
): { body: Buffer; encoded: Buffer | null; encoding: string | null; error?: string } {
  const names = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && n !== 'identity');
  if (!names.length) return { body, encoded: null, encoding: null };
  const label = names.join(', ');
  if (names.length > MAX_CODINGS) throw new BodyError(415, `Content-Encoding "${label.slice(0, 100)}" stacks more than ${MAX_CODINGS} codings`);
  const unknown = names.find((n) => !['gzip', 'x-gzip', 'deflate', 'br'].includes(n));
  if (unknown) throw new BodyError(415, `Unsupported Content-Encoding "${unknown.slice(0, 100)}": send gzip, deflate, br or none`);
  let decoded = body;
  try {
    for (const name of [...names].reverse()) decoded = decodeOne(decoded, name, limit)!;
    return { body: decoded, encoded: body, encoding: label };
  } catch (error) {
    if (tooLarge(error)) throw new BodyError(413, `Decoded body exceeds the ${limit}-byte limit`);
    return { body, encoded: null, encoding: label, error: `Could not decode ${label} body: ${(error as Error).message}` };
  }
}

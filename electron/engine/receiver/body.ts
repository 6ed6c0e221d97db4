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

/** Reads a request body up to `limit` bytes; rejects early on Content-Length, and on stalls. */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyError(413, `Body of ${declared} bytes exceeds the ${limit}-byte limit`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (error) reject(error);
      else resolve(body!);
    };
    const timer = setTimeout(
      () => finish(new BodyError(408, `Body not complete within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyError(413, `Body exceeds the ${limit}-byte limit`));
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish(null, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', (error) => finish(error));
  });
}

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

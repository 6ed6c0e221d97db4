import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateSync, inflateRawSync, brotliDecompressSync } from 'node:zlib';

export class BodyError extends Error {
  constructor(
    readonly status: 408 | 413,
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

/**
 * Undoes Content-Encoding. A body we cannot decode is kept as it arrived, with
 * the reason, rather than refused: Maximizer would only retry and then drop it.
 */
export function decodeBody(
  body: Buffer,
  encoding: string | undefined,
  limit: number,
): { body: Buffer; encoded: Buffer | null; encoding: string | null; error?: string } {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity') return { body, encoded: null, encoding: null };
  const opts = { maxOutputLength: limit };
  try {
    let decoded: Buffer;
    if (name === 'gzip' || name === 'x-gzip') decoded = gunzipSync(body, opts);
    else if (name === 'deflate') {
      // "deflate" is zlib-wrapped by the spec, raw in some clients: accept both.
      try {
        decoded = inflateSync(body, opts);
      } catch {
        decoded = inflateRawSync(body, opts);
      }
    } else if (name === 'br') decoded = brotliDecompressSync(body, opts);
    else return { body, encoded: null, encoding: name, error: `Unsupported Content-Encoding "${name}": stored as received` };
    return { body: decoded, encoded: body, encoding: name };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new BodyError(413, `Decoded body exceeds the ${limit}-byte limit`);
    return { body, encoded: null, encoding: name, error: `Could not decode ${name} body: ${(error as Error).message}` };
  }
}

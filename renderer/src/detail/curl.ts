import type { RawRequest } from '@shared/contract';
import { SECRET_HEADER, sendableHeaders } from '@shared/headers';
import { base64ToBytes, bytesToText } from './body';

/**
 * Headers curl must not replay verbatim: it computes framing itself, the body it sends
 * is already decoded (so the original Content-Encoding would lie), and the target URL
 * carries the current secret.
 */
const SKIPPED = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'expect', SECRET_HEADER.toLowerCase()]);

/** POSIX shell single quoting: safe for any text, including quotes and newlines. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A cURL command that replays this request (method, headers and exact body bytes) to
 * the given receiver URL. Text bodies are inlined; binary ones go through base64 -d.
 */
export function curlCommand(request: Pick<RawRequest, 'method' | 'headers' | 'bodyBase64'>, url: string): string {
  // Every part is quoted, the method too: an imported request's method is text from a file.
  const parts = [`curl -X ${shellQuote(request.method.toUpperCase())} ${shellQuote(url)}`];
  for (const [name, value] of sendableHeaders(request.headers)) {
    if (SKIPPED.has(name.toLowerCase())) continue;
    // `Name:` with nothing after it would make curl drop a header it sends itself; `Name;` sends it empty.
    parts.push(`-H ${shellQuote(value.trim() ? `${name}: ${value}` : `${name};`)}`);
  }
  const bytes = base64ToBytes(request.bodyBase64);
  if (bytes.length === 0) return parts.join(' \\\n  ');
  const text = bytesToText(bytes);
  if (text !== null) {
    // --data-raw: a body starting with `@` is text, not a file for curl to upload.
    parts.push(`--data-raw ${shellQuote(text)}`);
    return parts.join(' \\\n  ');
  }
  parts.push('--data-binary @-');
  return `printf %s ${shellQuote(request.bodyBase64)} | base64 -d | ${parts.join(' \\\n  ')}`;
}

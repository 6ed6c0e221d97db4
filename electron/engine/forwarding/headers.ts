import { SECRET_HEADER } from '@shared/headers';

/**
 * Headers that describe one hop, not the webhook: the forward opens its own connection, so
 * these are recomputed (Host, Content-Length) or meaningless (RFC 9110 §7.6.1).
 */
const HOP_BY_HOP = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/**
 * The inspector's own receiver secret is ours, not the sender's: it is dropped so it never
 * reaches a handler (or its logs). A handler's own secret header, configured on the Maximizer
 * target, is an ordinary header and goes through unchanged.
 */
export const INSPECTOR_ONLY = new Set([SECRET_HEADER.toLowerCase()]);

/**
 * The original request's headers for a forward, as a flat raw list (names keep their case,
 * order and repeats), minus hop-by-hop headers and anything the Connection header named,
 * with Content-Length set for the bytes actually sent.
 */
export function forwardHeaders(original: readonly (readonly [string, string])[], bodyLength: number): string[] {
  const named = new Set<string>();
  for (const [name, value] of original) if (name.toLowerCase() === 'connection') for (const token of value.split(',')) named.add(token.trim().toLowerCase());
  const out: string[] = [];
  for (const [name, value] of original) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || INSPECTOR_ONLY.has(lower) || named.has(lower)) continue;
    out.push(name, value);
  }
  out.push('Content-Length', String(bodyLength));
  return out;
}

/** Headers for an edited copy: the body is new and plain, so its length changes and any Content-Encoding no longer applies. */
export function editedHeaders(original: readonly [string, string][], bodyLength: number): [string, string][] {
  const out: [string, string][] = [];
  let hadLength = false;
  for (const [name, value] of original) {
    const lower = name.toLowerCase();
    if (lower === 'content-encoding' || lower === 'transfer-encoding') continue;
    if (lower === 'content-length') {
      if (!hadLength) out.push([name, String(bodyLength)]);
      hadLength = true;
      continue;
    }
    out.push([name, value]);
  }
  if (!hadLength) out.push(['Content-Length', String(bodyLength)]);
  return out;
}

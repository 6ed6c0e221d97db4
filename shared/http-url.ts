/**
 * An absolute http(s) URL with no spaces or control characters, so it also passes
 * the Webhooks API document's `format: uri`. One rule for the client and the sandbox.
 */
export function isHttpUrl(text: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(text)) return false;
  try {
    const parsed = new URL(text);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

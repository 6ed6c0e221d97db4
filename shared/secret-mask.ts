import { SECRET_HEADER } from './headers';

/**
 * The receiver's secret, hidden: in what the app shows (the Request tab, `getEvent`, `mwi show`,
 * the receiver URL on screen) and in exported files. Screens end up in screenshots and support
 * tickets; the secret is shown only on request (the Request tab's Reveal, `revealSecrets`).
 */
export const SECRET_MASK = 'REDACTED';

const SECRET_KEY = SECRET_HEADER.toLowerCase();

export function maskSecretHeaders(headers: readonly [string, string][]): [string, string][] {
  return headers.map(([name, value]) => [name, name.toLowerCase() === SECRET_KEY ? SECRET_MASK : value]);
}

/** A query string (`?secret=…&x=1`) with its `secret` values masked; anything else unchanged. */
export function maskSecretQuery(query: string): string {
  if (!query.includes('secret')) return query;
  const params = new URLSearchParams(query);
  if (!params.has('secret')) return query;
  params.set('secret', SECRET_MASK);
  return `?${params.toString()}`;
}

/** A URL as shown on screen: its `secret` parameter masked. */
export function maskSecretInUrl(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at) + maskSecretQuery(url.slice(at));
}

/** Whether a request as shown carries a masked secret (so there is something to reveal). */
export const hasMaskedSecret = (request: { headers: readonly [string, string][]; query: string }): boolean =>
  request.headers.some(([name, value]) => name.toLowerCase() === SECRET_KEY && value === SECRET_MASK) ||
  new URLSearchParams(request.query).get('secret') === SECRET_MASK;

import type { IncomingHttpHeaders } from 'node:http';

/** For callers that cannot set Host (fetch, browsers): names the tunnel a request is for. */
export const TUNNEL_ID_HEADER = 'x-tunnel-id';
/** Path-prefix routing, for public URLs without wildcard DNS: `/tunnels/<id>/hooks` reaches `/hooks`. */
export const TUNNEL_PATH_PREFIX = '/tunnels/';

export interface Route {
  id: string;
  /** The path and query the tunnel client's server should see. */
  path: string;
}

function hostname(host: string | undefined): string {
  if (!host) return '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name.toLowerCase();
}

/** The single label in front of one of `domains` (`brave-otter.localtest.me` → `brave-otter`). */
function subdomainOf(name: string, domains: readonly string[]): string | undefined {
  for (const domain of domains) {
    const suffix = `.${domain}`;
    if (name.endsWith(suffix)) {
      const label = name.slice(0, -suffix.length);
      if (label && !label.includes('.')) return label;
    }
  }
  return undefined;
}

/**
 * Which tunnel a request is for, or undefined for the server's own endpoints.
 * Tried in order: the X-Tunnel-Id header, the Host subdomain (`<id>.<domain>` or
 * `<id>.localhost`), then the `/tunnels/<id>/…` path prefix.
 */
export function routeOf(url: string, headers: IncomingHttpHeaders, domains: readonly string[]): Route | undefined {
  const header = headers[TUNNEL_ID_HEADER];
  if (typeof header === 'string' && header) return { id: header.toLowerCase(), path: url };
  const sub = subdomainOf(hostname(headers.host), domains);
  if (sub) return { id: sub, path: url };
  if (url.startsWith(TUNNEL_PATH_PREFIX)) {
    const rest = url.slice(TUNNEL_PATH_PREFIX.length);
    const end = rest.search(/[/?]/);
    const id = end < 0 ? rest : rest.slice(0, end);
    if (!id) return undefined;
    const path = end < 0 ? '/' : rest.slice(end);
    return { id: id.toLowerCase(), path: path.startsWith('?') ? `/${path}` : path };
  }
  return undefined;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', TUNNEL_ID_HEADER]);

/**
 * Raw header pairs (names as sent, in order) minus hop-by-hop headers, flattened
 * the way Node's `rawHeaders` are, so the receiver records the request as it was sent.
 */
export function forwardableHeaders(raw: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') {
      for (const token of raw[i + 1]!.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

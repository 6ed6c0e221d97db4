/**
 * A request carrying this header is the tunnel's self-probe: the receiver answers
 * 200 with the header's value as the body and stores nothing.
 */
export const PROBE_HEADER = 'x-inspector-probe';
/** Where the self-probe is sent, under the receiver's `/hooks` so any proxy in front routes it like a delivery. */
export const PROBE_PATH = '/hooks/__probe';
/** Makes loca.lt skip its reminder page (it is shown to browser user agents only). */
export const BYPASS_REMINDER_HEADER = 'bypass-tunnel-reminder';

/** The public localtunnel service. */
export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';

/**
 * A subdomain the public localtunnel server accepts (its own rule): lowercase
 * letters, digits and inner hyphens, 4–63 characters.
 */
export const TUNNEL_ID_PATTERN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

/** The URL Maximizer's webhook target should hold for a tunnel's public URL. */
export const targetUrlFor = (publicUrl: string, secret: string): string => `${publicUrl.replace(/\/+$/, '')}/hooks?secret=${encodeURIComponent(secret)}`;

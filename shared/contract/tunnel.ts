import { z } from 'zod';
import { DEFAULT_TUNNEL_HOST, TUNNEL_ID_PATTERN } from '../tunnel';
import { call, noInput } from './define';

export const tunnelState = z.enum(['disabled', 'connecting', 'online', 'reconnecting', 'offline']);
export type TunnelState = z.infer<typeof tunnelState>;

/** The tunnel as the UI shows it; also `status().tunnel`. */
export const tunnelStatus = z.object({
  state: tunnelState,
  /** The setting; `state` may still be `disabled` for this run (e.g. `--no-tunnel`). */
  enabled: z.boolean(),
  /** The localtunnel server in use. */
  host: z.string(),
  /** Requested on every connect, so the public URL stays the same. */
  subdomain: z.string(),
  /** Set while `online`. */
  publicUrl: z.string().optional(),
  /** Set while `online`: what Maximizer's webhook target should be (`<publicUrl>/hooks?secret=…`). */
  targetUrl: z.string().optional(),
  /** While `reconnecting`: the retry waited for, or under way when `nextRetryAt` is unset. */
  attempt: z.number().int().optional(),
  /** While `reconnecting`: when the next try starts (epoch ms). */
  nextRetryAt: z.number().optional(),
  /** While `reconnecting`: why the last try failed. */
  lastError: z.string().optional(),
  /** While `offline` or `disabled`: why. */
  reason: z.string().optional(),
  /** When this state began (epoch ms). */
  since: z.number(),
});
export type TunnelStatus = z.infer<typeof tunnelStatus>;

export const tunnelSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    /** A localtunnel server: the public one, or a self-hosted one (`npm run tunnel-server`). */
    host: z.url({ protocol: /^https?$/, error: 'The tunnel host must be an http:// or https:// URL' }).optional(),
    subdomain: z.string().regex(TUNNEL_ID_PATTERN, 'A subdomain is 4–63 lowercase letters, digits or inner hyphens').optional(),
  })
  .strict();

export const tunnelCalls = {
  tunnelStatus: call(noInput, tunnelStatus, 'The tunnel: state, public URL and Maximizer target URL, retry progress.'),
  setTunnel: call(
    tunnelSettingsInput,
    tunnelStatus,
    `Turn the tunnel on or off, or change its server (default ${DEFAULT_TUNNEL_HOST}) or subdomain; reconnects when they change.`,
  ),
  reconnectTunnel: call(noInput, tunnelStatus, 'Drop the tunnel and open it again now, skipping any backoff wait.'),
};

export const tunnelEvents = {
  /** Every state change, including a new public URL (the connection service re-points Maximizer's target on it). */
  'tunnel.changed': tunnelStatus,
};

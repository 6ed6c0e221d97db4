import { ApiError, type TunnelStatus } from '@shared/contract';
import { DEFAULT_TUNNEL_HOST, targetUrlFor, TUNNEL_ID_PATTERN } from '@shared/tunnel';
import { z } from 'zod';
import type { Service, ServiceContext } from '../service';
import { isGuessableId, privateId } from './names';
import { TunnelWatchdog, type WatchdogOptions, type WatchdogState } from './watchdog';

/** The persisted `tunnel` settings section. */
export const tunnelSettings = z.object({
  enabled: z.boolean().default(true),
  host: z.url({ protocol: /^https?$/ }).default(DEFAULT_TUNNEL_HOST),
  /** Generated on first run, then requested on every connect. */
  subdomain: z.string().regex(TUNNEL_ID_PATTERN).optional(),
});

/** Timing knobs (tests shorten them); everything else comes from settings and the command line. */
export type TunnelTuning = Pick<WatchdogOptions, 'openTimeoutMs' | 'stableMs' | 'backoff' | 'probe' | 'clock' | 'random' | 'fetch'>;

const normalizeHost = (host: string) => host.replace(/\/+$/, '');

/**
 * The `tunnel` service: a public URL for the receiver through localtunnel,
 * kept alive by the watchdog. Emits `tunnel.changed` on every state change;
 * the connection service listens for a new `publicUrl` to re-point Maximizer's target.
 *
 * An engine started without `options.tunnel` (tests, benches) opens no tunnel
 * until the UI turns it on, so no test reaches the public service by accident.
 */
export function tunnelService(ctx: ServiceContext, tuning: TunnelTuning = {}): Service<'tunnel'> & { status(): TunnelStatus } {
  const random = tuning.random ?? Math.random;
  // Command-line choices hold for this run until the user changes the same setting in the UI.
  const runOverride: { enabled?: false; host?: string; why?: string } = {};
  if (!ctx.options.tunnel) Object.assign(runOverride, { enabled: false, why: 'not requested for this engine run' });
  else if (!ctx.options.tunnel.enabled) Object.assign(runOverride, { enabled: false, why: 'turned off for this run (--no-tunnel)' });
  if (ctx.options.tunnel?.host) runOverride.host = normalizeHost(ctx.options.tunnel.host);

  let watchdog: TunnelWatchdog | undefined;
  let state: WatchdogState = { state: 'disabled', reason: 'not started', since: ctx.now() };
  let lastPublicUrl: string | undefined;

  const saved = (): { enabled: boolean; host: string; subdomain: string } => {
    const current = ctx.settings.get('tunnel', tunnelSettings);
    if (current.subdomain && !isGuessableId(current.subdomain)) return { ...current, subdomain: current.subdomain };
    // First run (or an id from a version that made guessable ones): an unguessable subdomain, kept
    // so Maximizer's target URL stays valid across restarts; the connection service re-points it.
    const subdomain = privateId();
    ctx.settings.set('tunnel', tunnelSettings, { ...current, subdomain });
    return { ...current, subdomain };
  };
  const effective = () => {
    const config = saved();
    return {
      enabled: runOverride.enabled ?? config.enabled,
      savedEnabled: config.enabled,
      host: runOverride.host ?? normalizeHost(config.host),
      subdomain: config.subdomain,
    };
  };

  const status = (): TunnelStatus => {
    const config = effective();
    const publicUrl = state.state === 'online' ? state.publicUrl : undefined;
    return {
      state: state.state,
      enabled: config.savedEnabled,
      host: config.host,
      subdomain: config.subdomain,
      ...(publicUrl ? { publicUrl, targetUrl: targetUrlFor(publicUrl, ctx.receiver.secret) } : {}),
      ...(state.state === 'reconnecting'
        ? { attempt: state.attempt, lastError: state.lastError, ...(state.nextRetryAt ? { nextRetryAt: state.nextRetryAt } : {}) }
        : {}),
      ...(state.state === 'offline' || state.state === 'disabled' ? { reason: state.reason } : {}),
      since: state.since,
    };
  };

  const describe = (s: WatchdogState, host: string, subdomain: string): string | undefined => {
    switch (s.state) {
      case 'connecting':
        return `tunnel: connecting to ${host} as ${subdomain}`;
      case 'online':
        // The target is logged without its secret: logs get pasted into tickets.
        return `tunnel: online at ${s.publicUrl} (Maximizer target: ${s.publicUrl}/hooks)`;
      case 'reconnecting':
        // One line per failure; the start of each retry is an event for the UI, not a log line.
        return s.nextRetryAt ? `tunnel: reconnecting, retry ${s.attempt} in ${((s.nextRetryAt - ctx.now()) / 1000).toFixed(1)}s: ${s.lastError}` : undefined;
      case 'offline':
        return `tunnel: offline: ${s.reason}`;
      case 'disabled':
        return `tunnel: disabled (${s.reason})`;
    }
  };

  const publish = (next: WatchdogState, host: string, subdomain: string) => {
    state = next;
    const line = describe(next, host, subdomain);
    if (line) ctx.log(line);
    if (next.state === 'online') {
      if (lastPublicUrl && lastPublicUrl !== next.publicUrl) {
        ctx.log(`tunnel: public URL changed from ${lastPublicUrl} to ${next.publicUrl}; Maximizer's target must follow`);
      }
      lastPublicUrl = next.publicUrl;
    }
    ctx.bus.emit('tunnel.changed', status());
  };

  /** Brings the running tunnel in line with the settings: restarts it only when host or subdomain changed. */
  const apply = (force = false) => {
    const config = effective();
    if (!config.enabled) {
      if (watchdog) {
        const old = watchdog;
        watchdog = undefined;
        old.removeAllListeners('change');
        old.stop();
      }
      const reason = runOverride.why ?? 'turned off in settings';
      if (state.state !== 'disabled' || state.reason !== reason) {
        publish({ state: 'disabled', reason, since: ctx.now() }, config.host, config.subdomain);
      }
      return;
    }
    if (watchdog && !force && watchdog.host === config.host && watchdog.subdomain === config.subdomain) return;
    if (watchdog) {
      watchdog.removeAllListeners('change');
      watchdog.stop();
    }
    const next = new TunnelWatchdog({
      ...tuning,
      random,
      host: config.host,
      subdomain: config.subdomain,
      localHost: '127.0.0.1',
      localPort: ctx.receiver.port,
      log: ctx.log,
    });
    watchdog = next;
    next.on('change', (s: WatchdogState) => publish(s, config.host, config.subdomain));
    next.start();
  };

  return {
    status,
    handlers: {
      tunnelStatus: () => status(),
      setTunnel: (input) => {
        const current = ctx.settings.get('tunnel', tunnelSettings);
        if (input.enabled !== undefined) {
          delete runOverride.enabled;
          delete runOverride.why;
        }
        if (input.host !== undefined) delete runOverride.host;
        try {
          ctx.settings.set('tunnel', tunnelSettings, {
            ...current,
            ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
            ...(input.host !== undefined ? { host: normalizeHost(input.host) } : {}),
            ...(input.subdomain !== undefined ? { subdomain: input.subdomain } : {}),
          });
        } catch (error) {
          throw new ApiError('bad_request', `Invalid tunnel settings: ${(error as Error).message}`);
        }
        apply();
        return status();
      },
      reconnectTunnel: () => {
        if (!effective().enabled) throw new ApiError('conflict', 'The tunnel is turned off; turn it on first.');
        if (watchdog) watchdog.reconnect();
        else apply(true);
        return status();
      },
    },
    start() {
      apply();
    },
    stop() {
      const old = watchdog;
      watchdog = undefined;
      old?.removeAllListeners('change');
      old?.stop();
    },
  };
}

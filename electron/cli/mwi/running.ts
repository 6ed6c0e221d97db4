import type { ConnectionStatus, Status, TunnelStatus } from '@shared/contract';
import { findInstanceStatus, instanceLabel, instancePath, type InstanceInfo } from '../../server/instance';
import { note } from './output';

/** What `mwi status` prints of a running instance's `status` answer (the contract's Status, narrowed to it). */
export interface LiveStatus {
  version: string;
  counts: Status['counts'];
  receiver: Pick<Status['receiver'], 'localUrl' | 'port'>;
  tunnel: Pick<TunnelStatus, 'state' | 'publicUrl' | 'targetUrl' | 'reason'>;
  connection: Pick<ConnectionStatus, 'kind' | 'label' | 'connected' | 'targetUrl'> & { error: { message: string } | null };
}

export interface RunningStatus {
  info: InstanceInfo;
  label: string;
  status: LiveStatus;
  tunnel: LiveStatus['tunnel'];
  connection: LiveStatus['connection'];
}

/**
 * `mwi status` of a data folder an app runs on: its state from one `status` call of its automation
 * API (which carries the tunnel and the connection too, and is also the probe that it is live);
 * null when none answers (a stale file is removed).
 */
export async function runningStatus(dataDir: string): Promise<RunningStatus | null> {
  const found = await findInstanceStatus(dataDir, {
    ignored: (problem) => note(`Removed ${instancePath(dataDir)}: not a running instance's file (${problem}).`),
  });
  if (!found) return null;
  const label = instanceLabel(found.info);
  const status = liveStatus(found.status, label);
  return { info: found.info, label, status, tunnel: status.tunnel, connection: status.connection };
}

/** The contract's enums as `status` prints them (a unit test holds them equal to the contract's). */
export const TUNNEL_STATES: readonly TunnelStatus['state'][] = ['disabled', 'connecting', 'online', 'reconnecting', 'offline'];
export const CONNECTION_KINDS: readonly ConnectionStatus['kind'][] = ['sandbox', 'maximizer', 'none'];

/**
 * The answer checked by hand, field by field, for what is printed: it comes from another process
 * (possibly another version of the app). zod and the contract's schemas would do it too, but load
 * in more time than the whole command is allowed (docs/performance.md, "`mwi` read commands").
 */
export function liveStatus(body: unknown, from: string): LiveStatus {
  const fail = (path: string, expected: string): never => {
    throw new Error(`${from} answered status with an unexpected ${path} (expected ${expected}); is it another version of the app?`);
  };
  const object = (value: unknown, path: string): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(path, 'an object');
  const string = (o: Record<string, unknown>, key: string, path: string): string => (typeof o[key] === 'string' ? o[key] : fail(`${path}.${key}`, 'a string'));
  const number = (o: Record<string, unknown>, key: string, path: string): number =>
    typeof o[key] === 'number' && Number.isFinite(o[key]) ? o[key] : fail(`${path}.${key}`, 'a number');
  const optionalString = (o: Record<string, unknown>, key: string, path: string): string | undefined =>
    o[key] === undefined ? undefined : string(o, key, path);
  const nullableString = (o: Record<string, unknown>, key: string, path: string): string | null => (o[key] === null ? null : string(o, key, path));

  const s = object(body, 'answer');
  const counts = object(s.counts, 'counts');
  const receiver = object(s.receiver, 'receiver');
  const tunnel = object(s.tunnel, 'tunnel');
  const connection = object(s.connection, 'connection');
  const connected = connection.connected;
  if (typeof connected !== 'boolean') fail('connection.connected', 'true or false');
  const kind = connection.kind;
  if (!CONNECTION_KINDS.includes(kind as ConnectionStatus['kind'])) fail('connection.kind', CONNECTION_KINDS.join(', '));
  const state = tunnel.state;
  if (!TUNNEL_STATES.includes(state as TunnelStatus['state'])) fail('tunnel.state', TUNNEL_STATES.join(', '));
  const error =
    connection.error === null || connection.error === undefined
      ? null
      : { message: string(object(connection.error, 'connection.error'), 'message', 'connection.error') };
  return {
    version: string(s, 'version', 'answer'),
    counts: {
      events: number(counts, 'events', 'counts'),
      requests: number(counts, 'requests', 'counts'),
      rejected: number(counts, 'rejected', 'counts'),
      pending: number(counts, 'pending', 'counts'),
      // Defaults as the contract's: an app from before the index lag was reported sends neither.
      oldestPendingAt: counts.oldestPendingAt === undefined || counts.oldestPendingAt === null ? null : number(counts, 'oldestPendingAt', 'counts'),
      indexLagMs: counts.indexLagMs === undefined ? 0 : number(counts, 'indexLagMs', 'counts'),
    },
    receiver: { localUrl: string(receiver, 'localUrl', 'receiver'), port: number(receiver, 'port', 'receiver') },
    tunnel: {
      state: state as TunnelStatus['state'],
      publicUrl: optionalString(tunnel, 'publicUrl', 'tunnel'),
      targetUrl: optionalString(tunnel, 'targetUrl', 'tunnel'),
      reason: optionalString(tunnel, 'reason', 'tunnel'),
    },
    connection: {
      kind: kind as ConnectionStatus['kind'],
      label: string(connection, 'label', 'connection'),
      connected: connected as boolean,
      targetUrl: nullableString(connection, 'targetUrl', 'connection'),
      error,
    },
  };
}

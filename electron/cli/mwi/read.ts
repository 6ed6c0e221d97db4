import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSummary } from '@shared/contract';
import { ApiError } from '@shared/contract/api-error';
import type { Counts, Store } from '../../engine/store';
import { APP_VERSION } from '../../engine/version';
import type { Common } from './commands';
import { decodeKey, keyLabel } from '@shared/keys';
import { entityOp, eventRecord, forwardLine, forwardRecord, note, out, paint, table, when } from './output';

/**
 * `events`, `show` and `status` read the data folder's database directly, read-only, whether or
 * not an app runs on it: no engine, no receiver, no automation API published, nothing locked but
 * SQLite's read snapshot (WAL lets the running app keep writing). The store's queries are the
 * engine's own, so the answers are the ones the app's API would give. Kept apart from the
 * commands that need an engine so that a read loads neither it nor zod.
 */
async function withStore<T>(common: Common, work: (store: Store | null) => T): Promise<T> {
  const path = join(common.dataDir, 'inspector.db');
  // Nothing stored yet: answer as an empty database would, and create nothing.
  if (!existsSync(path)) return work(null);
  // Loaded here, not with this module: `status` of a running app asks it instead of SQLite.
  const { openStore } = await import('../../engine/store');
  // A database from an older app is upgraded first (the store says so when that takes long).
  const store = openStore(path, { readonly: true, log: note });
  try {
    return work(store);
  } finally {
    store.close();
  }
}

export interface EventsQuery {
  entity?: string;
  op?: string;
  search?: string;
  since?: number;
  limit: number;
  json: boolean;
}

export async function events(common: Common, q: EventsQuery): Promise<number> {
  const items = await withStore(
    common,
    (store) => store?.events.list({ entity: q.entity, op: q.op, text: q.search, since: q.since, limit: q.limit }).items ?? [],
  );
  if (q.json) {
    items.forEach((e) => out(JSON.stringify(eventRecord(e))));
    return 0;
  }
  if (!items.length) {
    note('No events match.');
    return 0;
  }
  const header = ['ID', 'RECEIVED', 'EVENT', 'KEY', 'TRIES', 'SUMMARY'].map((h) => paint('dim', h));
  out(table([header, ...items.map(row)]));
  return 0;
}

function row(e: EventSummary): string[] {
  const r = eventRecord(e);
  return [
    `#${r.id}`,
    when(e.receivedAt),
    entityOp(r),
    r.key ? (r.key.type ? `${r.key.type} ${r.key.id}` : r.key.raw) : '-',
    String(r.attempts),
    r.parseError ? `not a Maximizer webhook: ${r.parseError}` : r.summary,
  ];
}

export async function show(common: Common, id: number, json: boolean): Promise<number> {
  const found = await withStore(common, (store) => {
    const detail = store?.events.get(id);
    return detail ? { detail, deliveries: store!.deliveries.list({ eventId: id, limit: 20 }).items } : null;
  });
  if (!found) throw new ApiError('not_found', `No event with id ${id}`);
  const { detail, deliveries } = found;
  if (json) {
    const { requests, ...rest } = detail;
    out(JSON.stringify({ ...eventRecord(detail), event: rest, requests, deliveries: deliveries.map(forwardRecord) }));
    return 0;
  }
  const r = eventRecord(detail);
  out(
    `${paint('bold', `#${r.id}  ${entityOp(r)}`)}  version ${r.version ?? '?'}  received ${when(detail.receivedAt)}  attempts ${r.attempts}${r.origin !== 'received' ? `  (${r.origin})` : ''}`,
  );
  out(`Webhook Id  ${r.webhookId ?? '-'}`);
  if (r.key)
    out(`Key         ${r.key.type ? `${keyLabel({ type: r.key.type, id: r.key.id, number: r.key.number, text: '' })}  ` : ''}${paint('dim', r.key.raw)}`);
  out(`Summary     ${r.parseError ? `not a Maximizer webhook: ${r.parseError}` : r.summary}`);
  // The diff is only for this view: loaded here, not for every read.
  const [{ diffEvent }, { changedLeaves, formatPath }] = await Promise.all([import('@shared/changes/diff'), import('@shared/changes/tree')]);
  const changes = changedLeaves(diffEvent({ op: detail.op, original: detail.original, new: detail.new }));
  if (changes.length) {
    out('Changes');
    for (const c of changes.slice(0, 50)) {
      const sign = c.kind === 'added' ? paint('green', '+') : c.kind === 'removed' ? paint('red', '-') : paint('yellow', '~');
      // A Maximizer key reads as what it names (Opportunity OPP_DEMO_2 · 0), not as base64.
      const value = (v: unknown) => {
        const key = decodeKey(v);
        return key ? keyLabel(key) : (JSON.stringify(v) ?? '');
      };
      out(`  ${sign} ${formatPath(c.path)}: ${c.kind === 'changed' ? `${value(c.before)} → ${value(c.after)}` : value(c.hasAfter ? c.after : c.before)}`);
    }
    if (changes.length > 50) out(`  … and ${changes.length - 50} more`);
  }
  for (const req of detail.requests) {
    out(
      `Request     ${req.method} ${req.path}${req.query ? '?…' : ''}  ${Buffer.from(req.bodyBase64, 'base64').length} bytes  answered ${req.status}  ${when(req.receivedAt)}`,
    );
  }
  for (const d of deliveries) out(forwardLine(d, id).trimStart());
  const keys = keysIn(detail.payload);
  if (keys.length) {
    out('Keys');
    for (const [path, label] of keys) out(`  ${path}: ${label}`);
  }
  out('Payload');
  out(pretty(detail.payload));
  return 0;
}

/** Every Maximizer key in a payload, decoded, with where it is (`Data.Original.Key`); at most 30. */
function keysIn(payload: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (found.length >= 30) return;
    const key = decodeKey(value);
    if (key) found.push([path, keyLabel(key)]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  try {
    walk(JSON.parse(payload), '');
  } catch {
    // not JSON: no keys to decode
  }
  return found;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const NO_COUNTS: Counts = { events: 0, requests: 0, rejected: 0, pending: 0, oldestPendingAt: null };

const withLag = (counts: Counts) => ({ ...counts, indexLagMs: counts.oldestPendingAt === null ? 0 : Math.max(0, Date.now() - counts.oldestPendingAt) });

export async function status(common: Common, json: boolean): Promise<number> {
  // What runs comes from the instance it published; the receiver, tunnel and connection from its API.
  const live = existsSync(join(common.dataDir, 'automation.json')) ? await (await import('./running')).runningStatus(common.dataDir) : null;
  // The running instance says how far its indexer is behind; unattached, the file says since when.
  const counts = live?.status.counts ?? withLag(await withStore(common, (store) => store?.counts() ?? NO_COUNTS));
  const version = live?.status.version ?? APP_VERSION;
  if (json) {
    out(
      JSON.stringify({
        dataDir: common.dataDir,
        running: live ? { kind: live.info.kind, pid: live.info.pid, url: live.info.url, startedAt: new Date(live.info.startedAt).toISOString() } : null,
        version,
        counts,
        receiver: live ? { localUrl: live.status.receiver.localUrl, port: live.status.receiver.port } : null,
        tunnel: live ? { state: live.tunnel.state, publicUrl: live.tunnel.publicUrl ?? null, targetUrl: live.tunnel.targetUrl ?? null } : null,
        connection: live
          ? {
              kind: live.connection.kind,
              label: live.connection.label,
              connected: live.connection.connected,
              targetUrl: live.connection.targetUrl,
              error: live.connection.error?.message ?? null,
            }
          : null,
      }),
    );
    return 0;
  }
  out(`Data folder  ${common.dataDir}`);
  out(
    `Running      ${live ? `${live.label} since ${when(live.info.startedAt)}, automation API ${live.info.url}` : paint('dim', 'nothing (no app or `mwi listen` on this data folder)')}`,
  );
  if (live) {
    const { tunnel, connection } = live;
    out(`Receiver     ${live.status.receiver.localUrl}`);
    out(`Tunnel       ${tunnel.state}${tunnel.publicUrl ? ` ${tunnel.publicUrl}` : ''}${tunnel.reason ? ` (${tunnel.reason})` : ''}`);
    out(
      `Connection   ${connection.connected ? connection.label : 'not connected'}${connection.targetUrl ? ` · target URL ${connection.targetUrl}` : ''}${connection.error ? paint('yellow', ` · ${connection.error.message}`) : ''}`,
    );
  }
  out(`Stored       ${counts.events} events, ${counts.requests} requests, ${counts.rejected} rejected`);
  out(`Indexing     ${counts.pending ? `${counts.pending} behind, oldest ${(counts.indexLagMs / 1000).toFixed(1)} s ago` : 'up to date'}`);
  out(`Version      ${version}`);
  return 0;
}

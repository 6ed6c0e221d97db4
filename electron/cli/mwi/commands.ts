import type { EventSummary, ForwardDelivery } from '@shared/contract';
import { changedLeaves, diffEvent, formatPath } from '@shared/changes';
import { decodeKey, keyLabel } from '@shared/keys';
import { pairText, type Pair } from './args';
import { entityOp, eventRecord, forwardLine, forwardRecord, note, paint, table } from './output';
import { instanceLabel } from '../../server/instance';
import { describeAttached, openSession, type OwnEngineOptions, type Session } from './session';

export interface Common {
  dataDir: string;
  verbose: boolean;
}

/** Commands other than listen start an engine only for themselves: no tunnel, no automation API. */
const oneShot = (common: Common, connect: boolean): OwnEngineOptions => ({ tunnel: false, connect, publish: false, sandboxRate: 0, verbose: common.verbose });

async function withSession<T>(common: Common, connect: boolean, work: (s: Session) => Promise<T>): Promise<T> {
  const session = await openSession(common.dataDir, oneShot(common, connect));
  if (session.attached) note(describeAttached(session.attached));
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

const out = (line: string) => void process.stdout.write(`${line}\n`);
const when = (ms: number) => new Date(ms).toLocaleString('sv-SE').slice(0, 19);

/** `mwi trigger Entity.Op`: the sandbox emits it (a real CRM: a Maximizer-shaped test event to the receiver), then waits to see it stored. */
export async function trigger(common: Common, pair: Pair, count: number, waitMs = 10_000): Promise<number> {
  // Started here, the engine connects only to the sandbox: connecting to a real CRM would re-point its target.
  return withSession(common, false, async (s) => {
    const arrived = new Map<string, number>();
    s.on('events.received', ({ items }) => items.forEach((e) => e.webhookId && arrived.set(e.webhookId, e.id)));
    await s.ready();
    let connection = await s.api.connectionStatus();
    if (!s.attached && (await s.api.listConnections()).items.find((c) => c.active)?.kind === 'sandbox') connection = await s.api.connectSandbox();
    const viaSandbox = connection.kind === 'sandbox' && connection.connected;
    const sent: string[] = [];
    for (let i = 0; i < count; i++) {
      if (viaSandbox) sent.push((await s.api.sandboxGenerate({ entity: pair.entity, op: pair.op })).id);
      else sent.push(...(await s.api.sendTestEvent({ entity: pair.entity, op: pair.op, source: 'sandbox', to: 'receiver' })).webhookIds);
    }
    const how = viaSandbox ? 'the sandbox emitted' : 'sent a Maximizer-shaped test event to the receiver (Maximizer itself sends nothing on request)';
    note(`${pairText(pair)}: ${how} ${sent.length} event${sent.length > 1 ? 's' : ''}; waiting for ${sent.length > 1 ? 'them' : 'it'} to arrive…`);
    const deadline = Date.now() + waitMs;
    while (sent.some((id) => !arrived.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const id of sent) out(arrived.has(id) ? `${pairText(pair)} ${id} → received as #${arrived.get(id)}` : `${pairText(pair)} ${id} → not received`);
    const missing = sent.filter((id) => !arrived.has(id)).length;
    if (missing === 0) return 0;
    process.stderr.write(
      `mwi: ${missing} of ${sent.length} did not reach this app within ${waitMs / 1000} s: is ${pairText(pair)} subscribed? (mwi listen --events ${pairText(pair)})\n`,
    );
    return 1;
  });
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
  return withSession(common, false, async (s) => {
    const { items } = await s.api.listEvents({ entity: q.entity, op: q.op, text: q.search, since: q.since, limit: q.limit });
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
  });
}

function row(e: EventSummary): string[] {
  const r = eventRecord(e);
  return [`#${r.id}`, when(e.receivedAt), entityOp(r), r.key ? (r.key.type ? `${r.key.type} ${r.key.id}` : r.key.raw) : '-', String(r.attempts), r.parseError ? `not a Maximizer webhook: ${r.parseError}` : r.summary];
}

export async function show(common: Common, id: number, json: boolean): Promise<number> {
  return withSession(common, false, async (s) => {
    const detail = await s.api.getEvent({ id });
    const { items: deliveries } = await s.api.listForwardAttempts({ eventId: id, limit: 20 });
    if (json) {
      const { requests, ...rest } = detail;
      out(JSON.stringify({ ...eventRecord(detail), event: rest, requests, deliveries: deliveries.map(forwardRecord) }));
      return 0;
    }
    const r = eventRecord(detail);
    out(`${paint('bold', `#${r.id}  ${entityOp(r)}`)}  version ${r.version ?? '?'}  received ${when(detail.receivedAt)}  attempts ${r.attempts}${r.origin !== 'received' ? `  (${r.origin})` : ''}`);
    out(`Webhook Id  ${r.webhookId ?? '-'}`);
    if (r.key) out(`Key         ${r.key.type ? `${keyLabel({ type: r.key.type, id: r.key.id, number: r.key.number, text: '' })}  ` : ''}${paint('dim', r.key.raw)}`);
    out(`Summary     ${r.parseError ? `not a Maximizer webhook: ${r.parseError}` : r.summary}`);
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
      out(`Request     ${req.method} ${req.path}${req.query ? '?…' : ''}  ${Buffer.from(req.bodyBase64, 'base64').length} bytes  answered ${req.status}  ${when(req.receivedAt)}`);
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
  });
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

export async function replay(common: Common, id: number, to: string | undefined, json: boolean): Promise<number> {
  return withSession(common, false, async (s) => {
    note(`Replaying #${id} to ${to ?? 'the forward URL'} (the same bytes and headers; waits for every attempt)…`);
    const { delivery } = await s.api.replayEvent({ id, url: to, wait: true });
    out(json ? JSON.stringify(forwardRecord(delivery)) : forwardLine(delivery, id).trimStart());
    return delivered(delivery) ? 0 : 1;
  });
}

const delivered = (d: ForwardDelivery) => d.state === 'delivered';

export async function status(common: Common, json: boolean): Promise<number> {
  return withSession(common, false, async (s) => {
    const st = await s.api.status();
    const running = s.attached;
    const tunnel = running ? await s.api.tunnelStatus() : null;
    const connection = running ? await s.api.connectionStatus() : null;
    if (json) {
      out(
        JSON.stringify({
          dataDir: common.dataDir,
          running: running ? { kind: running.kind, pid: running.pid, url: running.url, startedAt: new Date(running.startedAt).toISOString() } : null,
          version: st.version,
          counts: st.counts,
          receiver: running ? { localUrl: st.receiver.localUrl, port: st.receiver.port } : null,
          tunnel: tunnel ? { state: tunnel.state, publicUrl: tunnel.publicUrl ?? null, targetUrl: tunnel.targetUrl ?? null } : null,
          connection: connection ? { kind: connection.kind, label: connection.label, connected: connection.connected, targetUrl: connection.targetUrl, error: connection.error?.message ?? null } : null,
        }),
      );
      return 0;
    }
    out(`Data folder  ${common.dataDir}`);
    out(`Running      ${running ? `${instanceLabel(running)} since ${when(running.startedAt)}, automation API ${running.url}` : paint('dim', 'nothing (no app or `mwi listen` on this data folder)')}`);
    if (running) {
      out(`Receiver     ${st.receiver.localUrl}`);
      out(`Tunnel       ${tunnel!.state}${tunnel!.publicUrl ? ` ${tunnel!.publicUrl}` : ''}${tunnel!.reason ? ` (${tunnel!.reason})` : ''}`);
      out(`Connection   ${connection!.connected ? connection!.label : 'not connected'}${connection!.targetUrl ? ` · target URL ${connection!.targetUrl}` : ''}${connection!.error ? paint('yellow', ` · ${connection!.error.message}`) : ''}`);
    }
    out(`Stored       ${st.counts.events} events, ${st.counts.requests} requests, ${st.counts.rejected} rejected`);
    out(`Indexing     ${st.counts.pending ? `${st.counts.pending} behind, oldest ${(st.counts.indexLagMs / 1000).toFixed(1)} s ago` : 'up to date'}`);
    out(`Version      ${st.version}`);
    return 0;
  });
}

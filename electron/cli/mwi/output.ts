import { styleText } from 'node:util';
import type { EventSummary, ForwardDelivery } from '@shared/contract';
import { entityName } from '@shared/entities';
import { CLI_SURFACE, errorText } from '@shared/error-text';
import { decodeKey } from '@shared/keys';
import { localTimestamp } from '@shared/local-time';

type Style = Parameters<typeof styleText>[0];

/** Colour only where it will be read as colour: a TTY without NO_COLOR (node's styleText checks both). */
export const paint = (style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string => styleText(style, text, { stream });

/** Progress and notes go to stderr, so stdout stays the data (NDJSON with --json). */
export const note = (line: string): void => void process.stderr.write(`${paint('dim', line, process.stderr)}\n`);

/** A failure as `mwi` prints it: the app's own wording (shared/error-text.ts), so both say the same. */
export const failureLine = (error: unknown, doing?: string): string => `mwi: ${doing ? `${doing}: ` : ''}${errorText(error, CLI_SURFACE)}\n`;

/** One webhook's forward result, the stable NDJSON shape. */
export interface ForwardRecord {
  url: string;
  state: ForwardDelivery['state'];
  /** Maximizer's verdict in one line ("Maximizer would retry: delivered on attempt 2 of 3 …"). */
  verdict: string;
  flag: ForwardDelivery['flag'];
  attempts: { attempt: number; status: number | null; latencyMs: number | null; outcome: string; late: boolean; reason: string | null }[];
}

/** One webhook as `mwi listen --json` and `mwi events --json` print it: field names are part of the interface. */
export interface EventRecord {
  id: number;
  webhookId: string | null;
  receivedAt: string;
  entity: string | null;
  op: string | null;
  version: string | null;
  /** The record's key, decoded (Type, Id, Number) beside its raw base64. */
  key: { raw: string; type: string; id: string; number: string | null } | null;
  summary: string;
  /** Deliveries of this webhook to the receiver (Maximizer's attempts: a retry keeps the Id). */
  attempts: number;
  origin: EventSummary['origin'];
  parseError: string | null;
  /** Set by `listen --forward-to`; null otherwise. */
  forward: ForwardRecord | null;
}

export function eventRecord(event: EventSummary, forward: ForwardDelivery | null = null): EventRecord {
  const decoded = event.recordKey ? decodeKey(event.recordKey) : null;
  return {
    id: event.id,
    webhookId: event.webhookId,
    receivedAt: new Date(event.receivedAt).toISOString(),
    entity: event.entity,
    op: event.op,
    version: event.version,
    key: event.recordKey ? { raw: event.recordKey, type: decoded?.type ?? '', id: decoded?.id ?? event.recordKey, number: decoded?.number ?? null } : null,
    summary: event.summary,
    attempts: event.attempts,
    origin: event.origin,
    parseError: event.parseError ?? null,
    forward: forward ? forwardRecord(forward) : null,
  };
}

export function forwardRecord(delivery: ForwardDelivery): ForwardRecord {
  return {
    url: delivery.url,
    state: delivery.state,
    verdict: delivery.verdict,
    flag: delivery.flag,
    attempts: delivery.attempts.map((a) => ({
      attempt: a.attempt,
      status: a.status,
      latencyMs: a.latencyMs === null ? null : Math.round(a.latencyMs),
      outcome: a.outcome,
      late: a.late,
      reason: a.reason,
    })),
  };
}

const time = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
const keyText = (key: EventRecord['key']) => (key ? (key.type ? `${key.type} ${key.id}` : key.raw) : '-');
/** `Lead.update`, the Entity spelled as every view spells it (shared/entities.ts), whatever case Maximizer sent. */
export const entityOp = (record: Pick<EventRecord, 'entity' | 'op'>) => `${record.entity ? entityName(record.entity) : '?'}.${record.op ?? '?'}`;

/** `14:02:11  #42  Lead.update  Lead 1234  Phone: 555 → 556  attempt 1` */
export function eventLine(event: EventSummary): string {
  const record = eventRecord(event);
  const what = entityOp(record);
  const summary = record.parseError ? paint('red', `not a Maximizer webhook: ${record.parseError}`) : record.summary;
  const attempts = record.attempts > 1 ? paint('yellow', `attempt ${record.attempts}`) : 'attempt 1';
  return [
    paint('dim', time(event.receivedAt)),
    paint('dim', `#${record.id}`),
    paint('bold', what.padEnd(18)),
    paint('cyan', keyText(record.key)),
    summary,
    attempts,
  ].join('  ');
}

/** `       ↳ #42 → http://…  #1 500 12 ms · #2 200 4 ms  Maximizer would retry: …` */
export function forwardLine(delivery: ForwardDelivery, eventId: number): string {
  const attempts = delivery.attempts
    .map((a) => {
      const status = a.status === null ? a.outcome : String(a.status);
      const latency = a.latencyMs === null ? '' : ` ${Math.round(a.latencyMs)} ms`;
      const text = `#${a.attempt} ${status}${latency}${a.late ? ' (late)' : ''}`;
      return a.outcome === 'ok' ? paint('green', text) : paint('red', text);
    })
    .join(' · ');
  const verdict =
    delivery.state === 'delivered' && !delivery.flag ? paint('green', delivery.verdict) : paint(delivery.flag === 'drop' ? 'red' : 'yellow', delivery.verdict);
  return `          ↳ #${eventId} → ${delivery.url}  ${attempts}  ${verdict}`;
}

/** Plain aligned columns for lists (`mwi events`). */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visible(cell).length))).join('  ')).join('\n');
}

// eslint-disable-next-line no-control-regex
const visible = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

export const out = (line: string): void => void process.stdout.write(`${line}\n`);

/** A local timestamp as `2026-12-04 16:25:11`. */
export const when = (ms: number): string => localTimestamp(ms).slice(0, 19);

import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ListEventsQuery } from '@shared/contract';
import type { ExportFormat } from '@shared/contract/forwarding';
import type { Store } from '../store';
import { EXPORT_FORMAT, EXPORT_VERSION, exportEvent, exportRequest, type ExportedRequest } from './format';
import { HAR_FOOTER, harEntry, harHeader } from './har';
import type { JobControl } from './jobs';

export interface ExportOptions {
  format: ExportFormat;
  ids?: number[];
  query?: Omit<ListEventsQuery, 'limit' | 'before'>;
  includeSecrets: boolean;
  dir: string;
  /** `http://127.0.0.1:<port>`: HAR request URLs point at the receiver. */
  receiverBase: string;
  appVersion: string;
  now: () => number;
}

const CHUNK = 200;
const CONTENT_TYPES: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson', json: 'application/json', har: 'application/json' };
const EXTENSIONS: Record<ExportFormat, string> = { ndjson: 'ndjson', json: 'json', har: 'har' };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function write(stream: WriteStream, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  // Each wait removes its own listeners: a long export waits thousands of times on one stream.
  return new Promise((resolve, reject) => {
    const drained = () => (stream.off('error', failed), resolve());
    const failed = (error: Error) => (stream.off('drain', drained), reject(error));
    stream.once('drain', drained);
    stream.once('error', failed);
  });
}

/** Export files older than a day are removed: they are downloads in transit, not an archive. */
export function cleanExports(dir: string, now: number, maxAgeMs = 86_400_000): void {
  try {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (now - statSync(file).mtimeMs > maxAgeMs) rmSync(file, { force: true });
    }
  } catch {
    // no exports yet
  }
}

/** Matching event ids, oldest first (the list pages newest first). */
function matchingIds(store: Store, query: ExportOptions['query']): number[] {
  const ids: number[] = [];
  let before: string | undefined;
  for (;;) {
    const page = store.events.list({ ...(query ?? {}), limit: 1000, before });
    for (const item of page.items) ids.push(item.id);
    if (!page.nextCursor) break;
    before = page.nextCursor;
  }
  return ids.reverse();
}

/**
 * Writes the export to a file in chunks, yielding to the event loop between them so the engine
 * stays responsive, reporting progress, and stopping when the job is cancelled.
 */
export async function runExport(control: JobControl, store: Store, options: ExportOptions): Promise<void> {
  const ids = options.ids ? [...new Set(options.ids)].sort((a, b) => a - b) : matchingIds(store, options.query);
  control.setTotal(ids.length);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(options.now()).toISOString().replace(/[:.]/g, '-');
  const fileName = `webhooks-${stamp}.${EXTENSIONS[options.format]}`;
  const path = join(options.dir, `${control.id}-${fileName}`);
  const stream = createWriteStream(path, { mode: 0o600 });
  const closed = new Promise<void>((resolve, reject) => (stream.once('close', resolve), stream.once('error', reject)));
  const exportedAt = new Date(options.now()).toISOString();
  const header = { type: 'header' as const, format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, count: ids.length };

  let ok = false;
  try {
    if (options.format === 'ndjson') await write(stream, `${JSON.stringify(header)}\n`);
    else if (options.format === 'json') await write(stream, `${JSON.stringify(header).slice(0, -1)},"events":[`);
    else await write(stream, harHeader(options.appVersion));
    let first = true;
    // HAR has one entry per request: a request shared by several events (an array body) is written once.
    const seenRequests = new Set<number>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const requests = new Map<number, ExportedRequest[]>();
      for (const request of store.requests.ofEvents(chunk)) {
        const list = requests.get(request.eventId) ?? [];
        list.push(exportRequest(request, options.includeSecrets));
        requests.set(request.eventId, list);
      }
      let text = '';
      if (options.format === 'har') {
        const fresh = [...requests.values()].flat().filter((r) => r.id !== undefined && !seenRequests.has(r.id));
        const unique = [...new Map(fresh.map((r) => [r.id!, r])).values()].sort((a, b) => a.id! - b.id!);
        const owners = new Map<number, { id: number; webhookId: string | null }[]>();
        if (unique.length)
          for (const e of store.requests.eventsOfRequests(unique.map((r) => r.id!))) owners.set(e.requestId, [...(owners.get(e.requestId) ?? []), e]);
        for (const r of unique) {
          seenRequests.add(r.id!);
          text += `${first ? '' : ','}${JSON.stringify(harEntry(r, options.receiverBase, owners.get(r.id!) ?? []))}`;
          first = false;
        }
      } else {
        for (const event of store.events.withPayload(chunk)) {
          const line = JSON.stringify(exportEvent(event, requests.get(event.id) ?? []));
          text += options.format === 'ndjson' ? `${line}\n` : `${first ? '' : ','}${line}`;
          first = false;
        }
      }
      if (text) await write(stream, text);
      control.advance(chunk.length);
      await yieldToLoop();
    }
    await write(stream, options.format === 'ndjson' ? '' : options.format === 'json' ? ']}' : HAR_FOOTER);
    ok = true;
  } finally {
    stream.end();
    await closed;
    if (!ok) rmSync(path, { force: true });
  }
  control.setOutput({ fileName, path, contentType: CONTENT_TYPES[options.format], size: statSync(path).size });
}

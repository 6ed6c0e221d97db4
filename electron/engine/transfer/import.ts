import { z } from 'zod';
import { sendableHeaders } from '@shared/headers';
import type { IncomingRequest, Store } from '../store';
import { exportedEvent, exportHeader, httpMethod, type ExportedRequest } from './format';
import { harFile, type HarFileEntry } from './har';
import type { JobControl } from './jobs';

export type ImportFormat = 'auto' | 'ndjson' | 'json' | 'har';

/** One request to store again, and what identified it in the file (to skip repeats). */
interface Candidate {
  request: IncomingRequest;
  /** The request's id in the exporting database, when the file has it. */
  sourceId?: number;
  /** Events (ids in the exporting database) this request carried. */
  eventIds?: number[];
}

const CHUNK = 200;
const MAX_PROBLEMS = 20;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const lineShort = (error: z.ZodError) => error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

export function detectFormat(content: string): Exclude<ImportFormat, 'auto'> {
  const start = content.trimStart();
  if (start.startsWith('{')) {
    // A JSON document is one value; NDJSON has a complete value on its first line.
    const firstLine = start.slice(0, start.indexOf('\n') >= 0 ? start.indexOf('\n') : undefined).trim();
    try {
      const first = JSON.parse(firstLine) as Record<string, unknown>;
      if (first && typeof first === 'object' && 'log' in first) return 'har';
      if (first && typeof first === 'object' && 'events' in first) return 'json';
      if (first && typeof first === 'object') return 'ndjson';
    } catch {
      // not one value per line
    }
    return /^\{\s*"log"\s*:/.test(start) ? 'har' : 'json';
  }
  return 'ndjson';
}

/** A stored request from an exported one: bytes exactly as exported, marked `imported`, at its original time. */
function fromExported(r: ExportedRequest, now: number): IncomingRequest {
  return {
    receivedAt: r.receivedAt,
    method: r.method,
    path: r.path,
    query: r.query,
    headers: sendableHeaders(r.headers),
    body: Buffer.from(r.bodyBase64, 'base64'),
    bodyEncoded: r.bodyEncodedBase64 ? Buffer.from(r.bodyEncodedBase64, 'base64') : null,
    contentEncoding: r.contentEncoding ?? null,
    decodeError: r.decodeError ?? null,
    remote: r.remoteAddress,
    origin: 'imported',
  };
}

function fromHar(entry: HarFileEntry, now: number): IncomingRequest | string {
  // Lenient HAR reading (writers differ) stops at the method: only a real HTTP method is imported.
  const method = httpMethod.safeParse(entry.request.method);
  if (!method.success) return method.error.issues[0]!.message;
  const post = entry.request.postData;
  if (!post || post.text === undefined) return `${entry.request.method} ${entry.request.url}: no request body`;
  const base64 = post._encoding === 'base64' || post.encoding === 'base64';
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    return `not a URL: ${entry.request.url}`;
  }
  const mwi = entry._mwi ?? {};
  const started = entry.startedDateTime ? Date.parse(entry.startedDateTime) : Number.NaN;
  return {
    receivedAt: Number.isFinite(started) ? started : now,
    method: method.data,
    path: url.pathname,
    query: url.search,
    headers: sendableHeaders(entry.request.headers.map((h) => [h.name, h.value] as const)),
    body: base64 ? Buffer.from(post.text, 'base64') : Buffer.from(post.text, 'utf8'),
    bodyEncoded: mwi.bodyEncodedBase64 ? Buffer.from(mwi.bodyEncodedBase64, 'base64') : null,
    contentEncoding: mwi.contentEncoding ?? null,
    decodeError: mwi.decodeError ?? null,
    remote: '',
    origin: 'imported',
  };
}

/** The items of a file, lazily for NDJSON (a line at a time), with a problem string for each bad one. */
function* candidates(content: string, format: Exclude<ImportFormat, 'auto'>, now: number): Generator<Candidate | string | null, void, undefined> {
  if (format === 'ndjson') {
    let start = 0;
    let line = 0;
    while (start < content.length) {
      let end = content.indexOf('\n', start);
      if (end < 0) end = content.length;
      const text = content.slice(start, end).trim();
      start = end + 1;
      line++;
      if (!text) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield `line ${line}: not JSON`;
        continue;
      }
      if (exportHeader.safeParse(value).success) {
        yield null;
        continue;
      }
      const event = exportedEvent.safeParse(value);
      if (!event.success) {
        yield `line ${line}: ${lineShort(event.error)}`;
        continue;
      }
      const first = event.data.requests[0]!;
      yield { request: fromExported(first, now), sourceId: first.id, eventIds: event.data.id === undefined ? undefined : [event.data.id] };
    }
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    yield `not JSON: ${(error as Error).message}`;
    return;
  }
  if (format === 'har') {
    const har = harFile.safeParse(value);
    if (!har.success) {
      yield `not a HAR file: ${lineShort(har.error)}`;
      return;
    }
    for (const [index, entry] of har.data.log.entries.entries()) {
      const request = fromHar(entry, now);
      if (typeof request === 'string') yield `entry ${index}: ${request}`;
      else yield { request, sourceId: entry._mwi?.requestId, eventIds: entry._mwi?.eventIds };
    }
    return;
  }
  const doc = z.object({ events: z.array(z.unknown()) }).safeParse(value);
  if (!doc.success) {
    yield 'not an export: expected { "events": [...] }';
    return;
  }
  for (const [index, item] of doc.data.events.entries()) {
    const event = exportedEvent.safeParse(item);
    if (!event.success) {
      yield `events[${index}]: ${lineShort(event.error)}`;
      continue;
    }
    const first = event.data.requests[0]!;
    yield { request: fromExported(first, now), sourceId: first.id, eventIds: event.data.id === undefined ? undefined : [event.data.id] };
  }
}

/**
 * Stores each request of the file again (origin `imported`), in chunks of one transaction,
 * then lets the receiver's indexer parse them like any arrival. An event is restored from the
 * request that created it; a request shared by several events (an array body) is stored once,
 * and HAR entries that only repeat already-imported events (retries) are skipped.
 */
export async function runImport(
  control: JobControl,
  store: Store,
  options: { content: string; format: ImportFormat; now: () => number; indexNow: () => void },
): Promise<void> {
  const format = options.format === 'auto' ? detectFormat(options.content) : options.format;
  const total = format === 'ndjson' ? options.content.split('\n').filter((l) => l.trim()).length : null;
  control.setTotal(total);
  const seenRequests = new Set<number>();
  const seenEvents = new Set<number>();
  const problems: string[] = [];
  let imported = 0;
  let skipped = 0;
  let repeats = 0;
  let batch: IncomingRequest[] = [];
  let processed = 0;
  const report = () => control.setImported({ requests: imported, skipped, repeats, problems: problems.slice(0, MAX_PROBLEMS) });

  const flush = async () => {
    if (batch.length) {
      store.requests.insert(batch, options.now());
      imported += batch.length;
      batch = [];
      options.indexNow();
    }
    report();
    control.advance(processed);
    processed = 0;
    await yieldToLoop();
  };

  try {
    for (const item of candidates(options.content, format, options.now())) {
      processed++;
      if (item === null) continue;
      if (typeof item === 'string') {
        skipped++;
        if (problems.length < MAX_PROBLEMS) problems.push(item);
      } else if (
        (item.sourceId !== undefined && seenRequests.has(item.sourceId)) ||
        (item.eventIds?.length && item.eventIds.every((id) => seenEvents.has(id)))
      ) {
        // Another event of the same array body, or a retry of an event already restored.
        skipped++;
        repeats++;
      } else {
        if (item.sourceId !== undefined) seenRequests.add(item.sourceId);
        for (const id of item.eventIds ?? []) seenEvents.add(id);
        batch.push(item.request);
      }
      if (processed >= CHUNK) await flush();
    }
    await flush();
  } finally {
    report();
  }
}

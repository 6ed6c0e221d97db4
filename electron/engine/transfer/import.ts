import { createHash } from 'node:crypto';
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

/** What could not be read: a line (NDJSON), an entry (HAR), an element of `events` (JSON), or the whole file (no unit). */
interface Problem {
  unit: 'line' | 'entry' | 'events' | null;
  n: number;
  reason: string;
}
const problem = (unit: Problem['unit'], n: number, reason: string): Problem => ({ unit, n, reason });

/**
 * Problems in words, runs of one reason merged: "lines 3–9: not JSON" instead of seven lines
 * (a 5 MB file of junk is one line of text, not a list to scroll).
 */
export class ProblemGroups {
  private groups: { unit: Problem['unit']; from: number; to: number; reason: string }[] = [];
  /** Whether something was read fine since the last problem: a run of problems ends there. */
  private interrupted = true;
  count = 0;

  add(p: Problem): void {
    this.count++;
    const last = this.groups.at(-1);
    if (last && !this.interrupted && last.unit === p.unit && last.reason === p.reason) last.to = p.n;
    else if (this.groups.length < MAX_PROBLEMS) this.groups.push({ unit: p.unit, from: p.n, to: p.n, reason: p.reason });
    this.interrupted = false;
  }
  ok(): void {
    this.interrupted = true;
  }
  list(): string[] {
    return this.groups.map(({ unit, from, to, reason }) => {
      const many = from !== to;
      if (unit === null) return reason;
      const where =
        unit === 'events'
          ? `events[${many ? `${from}–${to}` : from}]`
          : `${unit === 'line' ? (many ? 'lines' : 'line') : many ? 'entries' : 'entry'} ${many ? `${from}–${to}` : from}`;
      return `${where}: ${reason}`;
    });
  }
}
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const lineShort = (error: z.ZodError) =>
  error.issues
    .slice(0, 2)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

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
function fromExported(r: ExportedRequest): IncomingRequest {
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
function* candidates(content: string, format: Exclude<ImportFormat, 'auto'>, now: number): Generator<Candidate | Problem | null, void, undefined> {
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
        yield problem('line', line, 'not JSON');
        continue;
      }
      if (exportHeader.safeParse(value).success) {
        yield null;
        continue;
      }
      const event = exportedEvent.safeParse(value);
      if (!event.success) {
        yield problem('line', line, lineShort(event.error));
        continue;
      }
      yield* requestsOf(event.data);
    }
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    yield problem(null, 0, `not JSON: ${(error as Error).message}`);
    return;
  }
  if (format === 'har') {
    const har = harFile.safeParse(value);
    if (!har.success) {
      yield problem(null, 0, `not a HAR file: ${lineShort(har.error)}`);
      return;
    }
    for (const [index, entry] of har.data.log.entries.entries()) {
      const request = fromHar(entry, now);
      if (typeof request === 'string') yield problem('entry', index, request);
      else yield { request, sourceId: entry._mwi?.requestId, eventIds: entry._mwi?.eventIds };
    }
    return;
  }
  const doc = z.object({ events: z.array(z.unknown()) }).safeParse(value);
  if (!doc.success) {
    yield problem(null, 0, 'not an export: expected { "events": [...] }');
    return;
  }
  for (const [index, item] of doc.data.events.entries()) {
    const event = exportedEvent.safeParse(item);
    if (!event.success) {
      yield problem('events', index, lineShort(event.error));
      continue;
    }
    yield* requestsOf(event.data);
  }
}

/** Every request of an exported event, oldest first: the first restores the event, the others are its attempts (retries). */
function* requestsOf(event: z.infer<typeof exportedEvent>): Generator<Candidate> {
  for (const r of event.requests) yield { request: fromExported(r), sourceId: r.id, eventIds: event.id === undefined ? undefined : [event.id] };
}

/**
 * Stores each request of the file again (origin `imported`), in chunks of one transaction,
 * then lets the receiver's indexer parse them like any arrival. An event comes back with all its
 * requests: the first creates it, later ones (Maximizer's retries, same webhook Id) are its
 * attempts again. A request shared by several events (an array body) is stored once.
 *
 * Idempotent: a request is the same request when its body bytes and its received time (ms) are
 * equal — whether it repeats within the file or is already stored (a file imported twice, or
 * exported from this very database). Ids in the file are only another database's ids, so they are
 * not the key. A file from which nothing could be read fails with the reasons, grouped.
 */
export async function runImport(
  control: JobControl,
  store: Store,
  options: { content: string; format: ImportFormat; now: () => number; indexNow: () => void },
): Promise<void> {
  if (!options.content.trim()) throw new Error('The file is empty: nothing to import.');
  const format = options.format === 'auto' ? detectFormat(options.content) : options.format;
  const total = format === 'ndjson' ? options.content.split('\n').filter((l) => l.trim()).length : null;
  control.setTotal(total);
  const seenRequests = new Set<number>();
  const seenBytes = new Set<string>();
  const problems = new ProblemGroups();
  let imported = 0;
  let repeats = 0;
  let existing = 0;
  let batch: IncomingRequest[] = [];
  let processed = 0;
  const report = () => control.setImported({ requests: imported, skipped: problems.count + repeats + existing, repeats, existing, problems: problems.list() });

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
      if ('reason' in item) {
        problems.add(item);
        continue;
      }
      problems.ok();
      const bytes = `${item.request.receivedAt}:${createHash('sha256').update(item.request.body).digest('base64')}`;
      if ((item.sourceId !== undefined && seenRequests.has(item.sourceId)) || seenBytes.has(bytes)) {
        // Another event of the same array body: its request is already in this import.
        repeats++;
      } else if (store.requests.has(item.request.receivedAt, item.request.body)) {
        existing++;
      } else {
        batch.push(item.request);
      }
      if (item.sourceId !== undefined) seenRequests.add(item.sourceId);
      seenBytes.add(bytes);
      if (processed >= CHUNK) await flush();
    }
    await flush();
    if (!imported && !existing && !repeats) {
      const reasons = problems.list();
      throw new Error(
        `Nothing could be imported: this is not a Maximizer Webhook Inspector export (NDJSON or JSON) or a HAR file${reasons.length ? ` (${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''})` : ''}.`,
      );
    }
  } finally {
    report();
  }
}

import { caselessLookup, getCaseless, isObject, type JsonObject } from './caseless';
import { numberSourceAt } from './json-source';
import { decodeKey } from './keys';

/** One Maximizer event as the receiver stores it. See CONTRACT.md §5. */
export interface ParsedEvent {
  webhookId: string | null;
  entity: string | null;
  op: string | null;
  /** Always the string form: `0.1` stays "0.1"; missing or null → null (unknown). */
  version: string | null;
  timestamp: string | null;
  processedTimestamp: string | null;
  workspaceId: string | null;
  recipients: unknown;
  original: unknown;
  new: unknown;
  /** The record's key from New, else Original (v1.0 stage changes carry it only in Original). */
  recordKey: string | null;
  /** This event's JSON text, for full-text search and display. */
  payload: string;
  summary: string;
  /** The parsed event object itself (not a copy), for whatever needs its envelope keys as sent (shape learning). */
  source?: unknown;
}

export interface ParsedBody {
  events: ParsedEvent[];
  /** Set when the body is not JSON or not a Maximizer envelope; the body is still stored raw. */
  parseError?: string;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/**
 * Version keeps its textual form even when sent as a JSON number (`1.10` is minor 10, so it must not
 * become "1.1"): the number's spelling is read from the envelope's own `Data.Version` in the event text.
 */
function versionText(value: unknown, rawEventText: string): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return null;
  return numberSourceAt(rawEventText, ['Data', 'Version']) ?? String(value);
}

export function parseEvent(value: unknown, rawText?: string): ParsedEvent {
  const payload = rawText ?? JSON.stringify(value);
  const obj: JsonObject = isObject(value) ? value : {};
  const data = getCaseless(obj, 'Data');
  const original = getCaseless(data, 'Original') ?? null;
  const next = getCaseless(data, 'New') ?? null;
  const recordKey = str(getCaseless(next, 'Key')) ?? str(getCaseless(original, 'Key'));
  const event: ParsedEvent = {
    webhookId: str(getCaseless(obj, 'Id')),
    entity: str(getCaseless(obj, 'Entity')),
    op: str(getCaseless(data, 'Op')),
    version: versionText(getCaseless(data, 'Version'), payload),
    timestamp: str(getCaseless(obj, 'Timestamp')),
    processedTimestamp: str(getCaseless(obj, 'ProcessedTimestamp')),
    workspaceId: str(getCaseless(obj, 'WorkspaceId')),
    recipients: getCaseless(obj, 'Recipients') ?? null,
    original,
    new: next,
    recordKey,
    payload,
    summary: '',
    source: value,
  };
  event.summary = summarize(event);
  return event;
}

/** Splits a top-level JSON array into the raw text of each element, so each event keeps its own spelling. */
function splitArrayText(text: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 2 && start < 0) start = i;
      else if (depth === 1 && c === '{') return null;
    } else if (c === ']' || c === '}') {
      if (depth === 2 && start >= 0) {
        parts.push(text.slice(start, i + 1));
        start = -1;
      }
      depth--;
    } else if (depth === 1 && c !== ',' && !/\s/.test(c ?? '') && start < 0) {
      // a scalar element: keep it as its own (malformed) event text
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== ']') j++;
      parts.push(text.slice(i, j).trim());
      i = j - 1;
    }
  }
  return parts;
}

export function parseBody(text: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { events: [], parseError: `Not valid JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(json)) {
    if (json.length === 0) return { events: [], parseError: 'Empty JSON array: no events in this delivery' };
    const texts = splitArrayText(text);
    const events = json.map((item, i) => parseEvent(item, texts && texts.length === json.length ? texts[i] : JSON.stringify(item)));
    const bad = json.findIndex((item) => !isObject(item));
    return bad >= 0 ? { events, parseError: `Array element ${bad} is not an object` } : { events };
  }
  if (!isObject(json)) return { events: [], parseError: `Expected a JSON object or array, got ${typeof json}` };
  const event = parseEvent(json, text.trim());
  if (event.entity === null && getCaseless(json, 'Data') === undefined)
    return { events: [event], parseError: 'JSON is not a Maximizer webhook envelope (no Entity or Data)' };
  return { events: [event] };
}

const MAX_SUMMARY = 160;

function short(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (value === '') return '(empty)';
  const key = decodeKey(value);
  // A key reads as what it names (`Opportunity 250314…`), not as base64.
  if (key) return short(`${key.type} ${key.id}`);
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 37)}…` : value;
  if (typeof value === 'object') return Array.isArray(value) ? `[${value.length}]` : '{…}';
  return String(value);
}

function displayName(record: unknown): string | null {
  for (const field of ['CompanyName', 'Name', 'Objective', 'LastName', 'Email']) {
    const value = getCaseless(record, field);
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** One line for the list: what happened, in Maximizer's own field names. */
export function summarize(event: Pick<ParsedEvent, 'op' | 'original' | 'new' | 'entity'>): string {
  const op = (event.op ?? '').toLowerCase();
  const { original, new: next } = event;
  let text: string;
  if (op === 'update' && isObject(next)) {
    const parts: { text: string; isKey: boolean }[] = [];
    // One lookup table for Original: a key-by-key caseless search is quadratic on a wide record.
    const beforeOf = caselessLookup(original);
    for (const [key, value] of Object.entries(next)) {
      if (key.toLowerCase() === 'key') continue;
      const before = beforeOf(key);
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      parts.push({
        text: before === undefined ? `${key}: ${short(value)}` : `${key}: ${short(before)} → ${short(value)}`,
        // `SalesStageSetupName: Qualified → Presentation` says more than the base64 key beside it
        isKey: decodeKey(value) !== null,
      });
    }
    parts.sort((a, b) => Number(a.isKey) - Number(b.isKey));
    text = parts.length ? parts.map((p) => p.text).join(', ') : 'no field changed';
  } else if (op === 'create') {
    const name = displayName(next);
    const count = isObject(next) ? Object.keys(next).length : 0;
    text = `created${name ? ` “${name}”` : ''} with ${count} field${count === 1 ? '' : 's'}`;
  } else if (op === 'delete') {
    const name = displayName(original);
    text = `deleted${name ? ` “${name}”` : ''}`;
  } else if (op === 'read') {
    const rows = getCaseless(original, 'Rows');
    const entityType = getCaseless(original, 'EntityType');
    const kind = entityType === 1 ? 'AbEntry' : entityType === 2 ? 'Opportunity' : null;
    text = `export${kind ? ` of ${kind}` : ''}${rows !== undefined ? `, ${short(rows)} rows` : ''}`;
  } else {
    text = op || 'unknown operation';
  }
  const key = decodeKey(str(getCaseless(next, 'Key')) ?? str(getCaseless(original, 'Key')) ?? '');
  if (key && op !== 'read' && !text.includes('“')) text += ` · ${key.type} ${key.id}`;
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

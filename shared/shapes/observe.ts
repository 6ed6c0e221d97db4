import { isObject } from '../caseless';
import { decodeKey } from '../keys';
import { getOwn, setOwn } from '../json-bounds';

/** The JSON types a field can carry. Integers and decimals are one type: JSON does not tell 12000 from 12000.0. */
export const jsonTypes = ['string', 'number', 'boolean', 'null', 'object', 'array'] as const;
export type JsonType = (typeof jsonTypes)[number];

export const jsonTypeOf = (value: unknown): JsonType =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'object'
        ? 'object'
        : typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'number'
            ? 'number'
            : 'string';

/** One field of one event, Original and New together: Maximizer sends the same record in both. */
export interface FieldSighting {
  /** Identity: the path lower-cased (`address.city`), so `Key` and `key` are one field. */
  id: string;
  /** The path as this event first spelled it (`Address.City`, `Udf/$TYPEID(57993)[]`). */
  spelling: string;
  /** Every spelling of the path in this event: `LastName` and `lastName` side by side are both kept. */
  spellings: string[];
  types: Set<JsonType>;
  inOriginal: boolean;
  inNew: boolean;
  /** A value worth showing as an example (scalars only, never a secret or a token). */
  example?: string;
}

/** Deep or very wide payloads are garbage for a shape: only this much of one event is learned. */
export const MAX_DEPTH = 8;
export const MAX_FIELDS_PER_EVENT = 400;
const MAX_EXAMPLE = 80;

const SECRET_NAME = /(token|secret|password|passwd|api[-_]?key|authorization|bearer|signature|credential)/i;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;
const OPAQUE = /^[A-Za-z0-9+/=_-]{24,}$/;

/**
 * Examples are shown in the Shapes view and kept in the database: a field named like a
 * credential, a bearer/JWT value, the receiver's secret, or a long opaque string that is not
 * a Maximizer key (keys are base64 ids worth showing) is never kept.
 */
export function exampleOf(name: string, value: unknown, secrets: readonly string[] = []): string | undefined {
  if (value === null || typeof value === 'object') return undefined;
  if (SECRET_NAME.test(name)) return undefined;
  const text = String(value);
  if (typeof value === 'string') {
    if (secrets.some((secret) => secret.length >= 8 && text.includes(secret))) return undefined;
    if (/^bearer\s/i.test(text) || JWT.test(text)) return undefined;
    if (OPAQUE.test(text) && !decodeKey(text)) return undefined;
  }
  return text.length > MAX_EXAMPLE ? `${text.slice(0, MAX_EXAMPLE - 1)}…` : text;
}

/**
 * Every field path of one event's Original and New: nested objects as `Address.City`,
 * array elements as `Rows[]`, `Items[].Name`. `Udf/$TYPEID(57993)` is one flat name
 * (CONTRACT §4), never split at the slash.
 */
export function observeEvent(original: unknown, next: unknown, secrets: readonly string[] = []): Map<string, FieldSighting> {
  const out = new Map<string, FieldSighting>();
  const visit = (value: unknown, id: string, spelling: string, name: string, section: 'original' | 'new', depth: number) => {
    if (out.size >= MAX_FIELDS_PER_EVENT && !out.has(id)) return;
    let field = out.get(id);
    if (!field) {
      field = { id, spelling, spellings: [spelling], types: new Set(), inOriginal: false, inNew: false };
      out.set(id, field);
    } else if (!field.spellings.includes(spelling)) field.spellings.push(spelling);
    field.types.add(jsonTypeOf(value));
    if (section === 'original') field.inOriginal = true;
    else field.inNew = true;
    // New is the state after the event: its example wins over Original's.
    const example = exampleOf(name, value, secrets);
    if (example !== undefined && (field.example === undefined || section === 'new')) field.example = example;
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, `${id}[]`, `${spelling}[]`, name, section, depth + 1);
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, `${id}.${key.toLowerCase()}`, `${spelling}.${key}`, key, section, depth + 1);
    }
  };
  const section = (record: unknown, which: 'original' | 'new') => {
    if (!isObject(record)) return;
    for (const [key, value] of Object.entries(record)) visit(value, key.toLowerCase(), key, key, which, 1);
  };
  section(original, 'original');
  section(next, 'new');
  return out;
}

/** Where a path's last `.` separator is; a dot inside a UDF name's parentheses is not one. */
function lastDot(path: string): number {
  let depth = 0;
  for (let i = path.length - 1; i >= 0; i--) {
    const c = path[i];
    if (c === ')') depth++;
    else if (c === '(') depth--;
    else if (c === '.' && depth === 0) return i;
  }
  return -1;
}

/** `address.city` → `address`: the field a nested path belongs to (array elements belong to their array). */
export function parentPath(id: string): string | null {
  if (id.endsWith('[]')) return id.slice(0, -2);
  const dot = lastDot(id);
  return dot < 0 ? null : id.slice(0, dot);
}

/** `Address.City` → `City`; `Udf/$TYPEID(57993)` stays whole. */
export const lastSegment = (path: string): string => path.slice(lastDot(path) + 1);

/** The envelope's own keys (`Id`, `Data.Op`, `Data.New`), as a typed model needs them. */
export interface EnvelopeKey {
  spellings: string[];
  types: JsonType[];
  /** Events that carried the key, and how many of them as an object (Original/New present). */
  events: number;
  objects: number;
}
export type EnvelopeStats = Record<string, EnvelopeKey>;

const MAX_ENVELOPE_KEYS = 40;

/**
 * Folds one event's envelope keys into `stats`: top-level keys and Data's keys, not what
 * Original and New hold (those are the fields). Keys are lower-cased paths: `data.new`.
 */
export function learnEnvelope(stats: EnvelopeStats, event: unknown): void {
  if (!isObject(event)) return;
  const see = (id: string, spelling: string, value: unknown) => {
    let key = getOwn(stats, id);
    if (!key) {
      if (Object.keys(stats).length >= MAX_ENVELOPE_KEYS) return;
      key = { spellings: [], types: [], events: 0, objects: 0 };
      setOwn(stats, id, key);
    }
    key.events++;
    if (isObject(value)) key.objects++;
    if (!key.spellings.includes(spelling) && key.spellings.length < 8) key.spellings.push(spelling);
    const type = jsonTypeOf(value);
    if (!key.types.includes(type)) key.types.push(type);
  };
  for (const [name, value] of Object.entries(event)) {
    see(name.toLowerCase(), name, value);
    if (name.toLowerCase() === 'data' && isObject(value)) for (const [inner, v] of Object.entries(value)) see(`data.${inner.toLowerCase()}`, inner, v);
  }
}

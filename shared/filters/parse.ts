import { isObject } from '../caseless';
import {
  EQUALITY_OPS,
  FIELD_OPS,
  LIKE_OPS,
  LIST_OPS,
  ORDER_OPS,
  VALUE_OPS,
  type Condition,
  type FilterError,
  type FilterScalar,
  type ParseFilterResult,
} from './types';

const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

const isScalar = (value: unknown): value is FilterScalar =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

const json = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** A hint for the most likely slip: `$eq` instead of `$EQ`. Operators are written in upper case in every Maximizer document. */
function unknownOperator(op: string, allowed: readonly string[]): string {
  const upper = op.toUpperCase();
  const hint = allowed.includes(upper) ? ` (operators are upper case: ${upper})` : '';
  return `unknown operator ${op}${hint}; expected one of ${allowed.join(' ')}`;
}

type Parsed = { ok: true; condition: Condition } | { ok: false; message: string };

function parseOne(source: string, index: number): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(doc)) return { ok: false, message: `expected a JSON object like {"Field": {"$EQ": value}}, got ${json(doc)}` };
  const keys = Object.keys(doc);
  if (keys.length === 0) return { ok: false, message: 'empty object: expected {"Field": {"$OP": value}} or {"$EXISTS": "Field"}' };
  if (keys.length > 1) return { ok: false, message: `more than one top-level key (${keys.join(', ')}); put each condition in its own string (they are ANDed)` };
  const key = keys[0] as string;
  const body = doc[key];

  if (key.startsWith('$')) {
    if (includes(VALUE_OPS, key)) return { ok: false, message: `${key} compares a field's value: write {"Field": {"${key}": value}}` };
    if (!includes(FIELD_OPS, key)) return { ok: false, message: unknownOperator(key, [...VALUE_OPS, ...FIELD_OPS]) };
    if (typeof body !== 'string' || body.trim() === '') return { ok: false, message: `${key} takes a field name as a non-empty string, got ${json(body)}` };
    const op = key === '$NEXISTS' ? '$NEXISTS' : '$EXISTS';
    return { ok: true, condition: { index, source, kind: 'field', field: body, op, written: key } };
  }

  const field = key;
  if (field.trim() === '') return { ok: false, message: 'the field name is empty' };
  if (!isObject(body)) return { ok: false, message: `expected {"${field}": {"$OP": value}}, got ${json(body)} as the value of "${field}"` };
  const ops = Object.keys(body);
  if (ops.length !== 1)
    return {
      ok: false,
      message:
        ops.length === 0
          ? `"${field}" has no operator; expected one of ${VALUE_OPS.join(' ')}`
          : `"${field}" has more than one operator (${ops.join(', ')}); put each in its own string (they are ANDed)`,
    };
  const op = ops[0] as string;
  const value = body[op];
  if (!includes(VALUE_OPS, op)) {
    if (includes(FIELD_OPS, op)) return { ok: false, message: `${op} takes a field name: write {"${op}": "${field}"}` };
    return { ok: false, message: unknownOperator(op, VALUE_OPS) };
  }
  if (includes(EQUALITY_OPS, op)) {
    if (!isScalar(value)) return { ok: false, message: `${op} needs a string, number or boolean, got ${json(value)}` };
    return { ok: true, condition: { index, source, kind: 'value', field, op, value } };
  }
  if (includes(ORDER_OPS, op)) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))))
      return { ok: false, message: `${op} needs a number (or a string, compared as text), got ${json(value)}` };
    return { ok: true, condition: { index, source, kind: 'value', field, op, value } };
  }
  if (includes(LIST_OPS, op)) {
    if (!Array.isArray(value)) return { ok: false, message: `${op} needs a JSON array of values, got ${json(value)}` };
    const bad = value.findIndex((item) => !isScalar(item));
    if (bad >= 0) return { ok: false, message: `${op} list item ${bad} must be a string, number or boolean, got ${json(value[bad])}` };
    return { ok: true, condition: { index, source, kind: 'value', field, op, value: value as FilterScalar[] } };
  }
  if (includes(LIKE_OPS, op)) {
    if (typeof value !== 'string') return { ok: false, message: `${op} needs a string pattern (% is the only wildcard), got ${json(value)}` };
    return { ok: true, condition: { index, source, kind: 'value', field, op, value } };
  }
  /* c8 ignore next */
  return { ok: false, message: unknownOperator(op, VALUE_OPS) };
}

/**
 * Parses a subscription's `Filter` (CONTRACT §3). Null/undefined/[] is the empty filter, which matches
 * every event. Every bad string is reported, each with its index and the reason.
 */
export function parseFilter(strings: unknown): ParseFilterResult {
  if (strings === null || strings === undefined) return { ok: true, filter: { conditions: [] } };
  if (!Array.isArray(strings)) return { ok: false, errors: [{ index: null, message: `Filter must be an array of JSON strings, got ${json(strings)}` }] };
  const conditions: Condition[] = [];
  const errors: FilterError[] = [];
  strings.forEach((item: unknown, index) => {
    if (typeof item !== 'string') {
      errors.push({ index, message: `must be a string holding JSON (e.g. "{\\"Revenue\\": {\\"$GT\\": 1000}}"), got ${json(item)}` });
      return;
    }
    const parsed = parseOne(item, index);
    if (parsed.ok) conditions.push(parsed.condition);
    else errors.push({ index, message: parsed.message });
  });
  return errors.length ? { ok: false, errors } : { ok: true, filter: { conditions } };
}

/** One line per error, naming the string: `Filter[1] "{…}": unknown operator $FOO; …`. */
export function formatFilterErrors(errors: readonly FilterError[], strings?: unknown): string {
  return errors
    .map(({ index, message }) => {
      if (index === null) return message;
      const item = Array.isArray(strings) ? strings[index] : undefined;
      const shown = typeof item === 'string' ? ` ${JSON.stringify(item.length > 80 ? `${item.slice(0, 77)}...` : item)}` : '';
      return `Filter[${index}]${shown}: ${message}`;
    })
    .join('\n');
}

import { findKey, isObject } from '../caseless';
import type { Condition, ConditionResult, Filter, FilterEvent, FilterScalar } from './types';

export type FieldLookup = { found: true; value: unknown; section: 'New' | 'Original' } | { found: false };

/**
 * The emulator's field rule (CONTRACT §3 [ASSUME]): a value is read from New, else from Original
 * (the record's state after the event). Names ignore case; `Udf/$TYPEID(57993)` is one flat name, never a path.
 */
export function lookupField(event: FilterEvent, field: string): FieldLookup {
  for (const section of ['New', 'Original'] as const) {
    const record = section === 'New' ? event.new : event.original;
    if (!isObject(record)) continue;
    const key = findKey(record, field);
    if (key !== undefined) return { found: true, value: record[key], section };
  }
  return { found: false };
}

/** `$EXISTS` looks at both sections: present (even as null) in Original or in New. */
export function fieldExists(event: FilterEvent, field: string): boolean {
  return [event.original, event.new].some((record) => isObject(record) && findKey(record, field) !== undefined);
}

/**
 * `%` is the only wildcard (any run of characters, none included); everything else is literal and
 * case is ignored. Greedy segment search instead of a RegExp: linear, and no pattern can backtrack.
 */
export const likeMatch = (text: string, pattern: string): boolean => wildcardMatch(text.toLowerCase(), pattern.toLowerCase());

/** `%` as any run of characters, everything else literal and compared exactly. */
export function wildcardMatch(subject: string, pattern: string): boolean {
  const parts = pattern.split('%');
  const first = parts[0] as string;
  if (parts.length === 1) return subject === first;
  const last = parts[parts.length - 1] as string;
  if (!subject.startsWith(first)) return false;
  let position = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    if (part === '') continue;
    const at = subject.indexOf(part, position);
    if (at < 0) return false;
    position = at + part.length;
  }
  return subject.length - position >= last.length && subject.endsWith(last);
}

/** Same JSON type and value: `"2"` is not `2` (types are never coerced), `6` equals `6.0`. */
const scalarEquals = (value: unknown, expected: FilterScalar): boolean => typeof value === typeof expected && value === expected;

/** Array values (UDF tables such as `["2"]`) match when any element does. */
const anyElement = (value: unknown, test: (item: unknown) => boolean): boolean => (Array.isArray(value) ? value.some(test) : test(value));

function ordered(value: unknown, op: '$GT' | '$GE' | '$LT' | '$LE', bound: number | string): boolean {
  // Numbers compare numerically and strings as text (ISO dates sort correctly); mixed types never match.
  if (typeof value !== typeof bound || (typeof value !== 'number' && typeof value !== 'string')) return false;
  const a = value as number | string;
  switch (op) {
    case '$GT':
      return a > bound;
    case '$GE':
      return a >= bound;
    case '$LT':
      return a < bound;
    case '$LE':
      return a <= bound;
  }
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Evaluates one condition and says why it failed. */
export function evaluateCondition(condition: Condition, event: FilterEvent): ConditionResult {
  const base = { index: condition.index, source: condition.source };
  if (condition.kind === 'field') {
    const exists = fieldExists(event, condition.field);
    const matched = condition.op === '$EXISTS' ? exists : !exists;
    return matched
      ? { ...base, matched }
      : { ...base, matched, reason: exists ? `${condition.field} is present` : `${condition.field} is in neither Original nor New` };
  }
  const found = lookupField(event, condition.field);
  // A field in neither section fails every value operator, the negative ones included.
  if (!found.found) return { ...base, matched: false, reason: `${condition.field} is in neither New nor Original` };
  const { value } = found;
  let matched: boolean;
  switch (condition.op) {
    case '$EQ':
      matched = anyElement(value, (item) => scalarEquals(item, condition.value));
      break;
    case '$NE':
      matched = !anyElement(value, (item) => scalarEquals(item, condition.value));
      break;
    case '$GT':
    case '$GE':
    case '$LT':
    case '$LE':
      matched = ordered(value, condition.op, condition.value);
      break;
    case '$IN':
      matched = anyElement(value, (item) => condition.value.some((candidate) => scalarEquals(item, candidate)));
      break;
    case '$NIN':
      matched = !anyElement(value, (item) => condition.value.some((candidate) => scalarEquals(item, candidate)));
      break;
    case '$LIKE':
      matched = anyElement(value, (item) => typeof item === 'string' && likeMatch(item, condition.value));
      break;
    case '$NLIKE':
      matched = !anyElement(value, (item) => typeof item === 'string' && likeMatch(item, condition.value));
      break;
  }
  return matched ? { ...base, matched } : { ...base, matched, reason: `${condition.field} in ${found.section} is ${show(value)}` };
}

/** True when every condition matches (AND); the empty filter matches every event. */
export function matchesFilter(filter: Filter, event: FilterEvent): boolean {
  return filter.conditions.every((condition) => evaluateCondition(condition, event).matched);
}

/** Each condition's outcome, for a preview that shows which string rejected an event. */
export function explainFilter(filter: Filter, event: FilterEvent): { matched: boolean; results: ConditionResult[] } {
  const results = filter.conditions.map((condition) => evaluateCondition(condition, event));
  return { matched: results.every((result) => result.matched), results };
}

/** Entity and Op of a subscription match the event's ignoring case (`lead` = `Lead`, `update` = `Update`). */
export function matchesEntityOp(subscription: { entity: string; op: string }, event: FilterEvent): boolean {
  const same = (a: string, b: string | null | undefined): boolean => typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
  return same(subscription.entity, event.entity) && same(subscription.op, event.op);
}

/** A subscription's whole rule: Entity and Op, then its filter. */
export function matchesSubscription(subscription: { entity: string; op: string; filter: Filter }, event: FilterEvent): boolean {
  return matchesEntityOp(subscription, event) && matchesFilter(subscription.filter, event);
}

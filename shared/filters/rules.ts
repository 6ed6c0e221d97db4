import { likeMatch, lookupField, wildcardMatch } from './match';
import type { Condition, FilterEvent, FilterScalar } from './types';

/**
 * The rules the filter engine applies that the guide and the OpenAPI document do not state (CONTRACT §3
 * [ASSUME]/[OPEN]). The live API may decide these cases differently, so the preview says when a result
 * depended on one: a developer then knows which matches to check against the real Maximizer.
 */
export const UNSTATED_RULES = {
  'from-original': 'The field was not in New, so its value was read from Original (the engine reads New, else Original).',
  'missing-field': 'The field was in neither New nor Original, so the condition failed ($NE, $NIN and $NLIKE included).',
  case: '$EQ, $NE, $IN and $NIN compare text exactly, while $LIKE and $NLIKE ignore case: this result would differ under the other rule.',
  'string-vs-number': 'A number and text never compare ("1000" is not 1000): the value and the field differ in type.',
} as const;
export type UnstatedRule = keyof typeof UNSTATED_RULES;

/** Where the rules come from, for the "sandbox assumption" note beside them. */
export const UNSTATED_RULES_POINT = 'CONTRACT.md section 3: Field lookup [OPEN]';

const isText = (value: unknown): value is string => typeof value === 'string';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const mixed = (a: unknown, b: FilterScalar): boolean => (typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number');

/** The unstated rules one value condition's outcome on this event depended on (none for $EXISTS/$NEXISTS). */
export function unstatedRules(condition: Condition, event: FilterEvent): UnstatedRule[] {
  if (condition.kind !== 'value') return [];
  const found = lookupField(event, condition.field);
  if (!found.found) return ['missing-field'];
  const rules: UnstatedRule[] = [];
  if (found.section === 'Original') rules.push('from-original');
  const values = items(found.value);
  const expected: readonly FilterScalar[] = Array.isArray(condition.value) ? condition.value : [condition.value];
  switch (condition.op) {
    case '$EQ':
    case '$NE':
    case '$IN':
    case '$NIN': {
      // Equal ignoring case but not exactly: a case-insensitive Maximizer would decide the other way.
      const caseOnly = values.some((v) => isText(v) && expected.some((e) => isText(e) && e !== v && e.toLowerCase() === v.toLowerCase()));
      if (caseOnly) rules.push('case');
      if (values.some((v) => expected.some((e) => mixed(v, e)))) rules.push('string-vs-number');
      break;
    }
    case '$GT':
    case '$GE':
    case '$LT':
    case '$LE':
      if (values.some((v) => mixed(v, condition.value))) rules.push('string-vs-number');
      break;
    case '$LIKE':
    case '$NLIKE': {
      // A case-sensitive Maximizer would decide the other way.
      const pattern = condition.value;
      const differs = values.some((v) => isText(v) && likeMatch(v, pattern) && !wildcardMatch(v, pattern));
      if (differs) rules.push('case');
      break;
    }
  }
  return rules;
}

/**
 * Which comparisons cannot match a field of the learned JSON types: `{"Revenue":{"$GT":"1000"}}` against a
 * number field never matches, because types are never coerced. `types` maps a lower-cased field name to the
 * JSON types seen for it (from the learned shapes); unknown fields give no warning.
 */
export function typeMismatches(conditions: readonly Condition[], types: (field: string) => readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const condition of conditions) {
    if (condition.kind !== 'value' || condition.op === '$LIKE' || condition.op === '$NLIKE') continue;
    const seen = types(condition.field.toLowerCase())?.filter((t) => t !== 'null');
    // Arrays (UDF tables) compare element-wise and objects never match a scalar: no learned scalar type to hold against.
    if (!seen?.length || seen.includes('array')) continue;
    const values: readonly FilterScalar[] = Array.isArray(condition.value) ? condition.value : [condition.value];
    const wrong = values.filter((v) => !seen.includes(typeof v));
    if (wrong.length === 0) continue;
    const shown = wrong.map((v) => JSON.stringify(v)).join(', ');
    out.push(
      `Filter[${condition.index}]: ${condition.field} has been ${seen.join(' or ')} in stored events, so ${shown} (${typeof wrong[0]}) can never match it; types are never converted.`,
    );
  }
  return out;
}

/**
 * Maximizer subscription filters (CONTRACT.md §3): one pure engine, no I/O, shared by the sandbox
 * (which validates and applies them), the forwarder and the UI (which previews them on stored events).
 *
 * ```ts
 * const parsed = parseFilter(['{"Revenue": {"$GT": 1000}}', '{"$EXISTS": "SalesStageSetupKey"}']);
 * if (!parsed.ok) show(formatFilterErrors(parsed.errors, strings)); // "Filter[1] "...": unknown operator $FOO; ..."
 * else matchesFilter(parsed.filter, { entity, op, original, new: next }); // true / false
 * ```
 *
 * API
 * - `parseFilter(strings: unknown): { ok: true, filter } | { ok: false, errors: { index: number | null, message }[] }`
 *   `strings` is the subscription's `Filter`: null/undefined/[] → the empty filter (matches everything).
 *   Every bad item is reported with its index; `index: null` means `Filter` itself is not an array.
 * - `matchesFilter(filter, event: { entity?, op?, original?, new? }): boolean` — AND of all conditions.
 * - `explainFilter(filter, event)` → `{ matched, results: { index, source, matched, reason? }[] }` for previews.
 * - `matchesEntityOp({ entity, op }, event)`, `matchesSubscription({ entity, op, filter }, event)`:
 *   Entity/Op compare ignoring case.
 * - `formatFilterErrors(errors, strings?)`: one line per error, naming the string.
 * - Building blocks: `lookupField`, `fieldExists`, `likeMatch`, `evaluateCondition`.
 * - `unstatedRules(condition, event)`: which [ASSUME] rules below an outcome depended on (for the preview);
 *   `typeMismatches(conditions, types)`: comparisons that cannot match a field's learned JSON types.
 *
 * Rules (CONTRACT §3; the [ASSUME] ones are the emulator's documented choices)
 * - Each string is a JSON object with exactly one key: `{"Field": {"$OP": value}}` or `{"$EXISTS": "Field"}`.
 *   Invalid JSON, an unknown operator (operators are upper case), more than one key, or a value of the
 *   wrong type is a parse error.
 * - Value ops `$EQ $NE $GT $GE $LT $LE $IN $NIN $LIKE $NLIKE`; field ops `$EXISTS $NEXISTS`, `$HASFIELD` = `$EXISTS`.
 * - Field names ignore case and are flat: `Udf/$TYPEID(57993)` is one property name, `Address.City` is not a path.
 *   If a section holds two spellings of one name (`Key` and `key`), the exact spelling wins, as everywhere in the app.
 * - Value lookup: New, else Original. A field in neither section fails every value op, `$NE/$NIN/$NLIKE` included.
 *   `$EXISTS` is true when the field is in Original or New (a null value counts as present).
 * - Equality never coerces types (`"2"` ≠ `2`); strings compare exactly. `$GT`… compare numbers with numbers
 *   and strings with strings (text order); mixed types never match.
 * - An array value (UDF table `["2"]`) matches `$EQ/$IN/$LIKE` when any element does; `$NE/$NIN/$NLIKE` are
 *   their negation (no element matches).
 * - `$LIKE`: `%` is the only wildcard (any run, none included), no escapes, case-insensitive; only strings match.
 */
export { parseFilter, formatFilterErrors } from './parse';
export {
  matchesFilter,
  explainFilter,
  matchesEntityOp,
  matchesSubscription,
  evaluateCondition,
  lookupField,
  fieldExists,
  likeMatch,
  wildcardMatch,
  type FieldLookup,
} from './match';
export * from './types';
export { UNSTATED_RULES, UNSTATED_RULES_POINT, unstatedRules, typeMismatches, type UnstatedRule } from './rules';

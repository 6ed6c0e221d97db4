import { explainFilter, parseFilter, formatFilterErrors, unstatedRules, UNSTATED_RULES, UNSTATED_RULES_POINT, type UnstatedRule } from '@shared/filters';
import type { PreviewMatch } from '@shared/contract';
import type { EventsRepository } from '../store/events';

/** The newest events of one Entity × Op that a preview reads; older ones are not counted. */
export const PREVIEW_CAP = 50_000;
const LISTED = 100;

const parseSection = (text: string | null): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * "Would have matched N of M": the subscription filter engine (the sandbox's own)
 * run over the newest stored events of one Entity × Op, newest first.
 */
export function previewFilter(events: Pick<EventsRepository, 'ofEntityOp'>, entity: string, op: string, strings: string[]) {
  const parsed = parseFilter(strings);
  if (!parsed.ok) return { matched: 0, total: 0, ids: [], items: [], errors: [formatFilterErrors(parsed.errors, strings)], rules: [] };
  const rows = events.ofEntityOp(entity, op, PREVIEW_CAP);
  let total = 0;
  const ids: number[] = [];
  const items: PreviewMatch[] = [];
  const depended = new Map<UnstatedRule, number>();
  for (const row of rows) {
    total++;
    const event = { entity: row.entity, op: row.op, original: parseSection(row.original), new: parseSection(row.new) };
    const { matched, results } = explainFilter(parsed.filter, event);
    // An outcome depends on a condition's rules when that condition decided it: every condition of a match,
    // the failing ones of a miss.
    const rules = new Set<UnstatedRule>();
    results.forEach((result, i) => {
      if (!matched && result.matched) return;
      for (const rule of unstatedRules(parsed.filter.conditions[i]!, event)) rules.add(rule);
    });
    for (const rule of rules) depended.set(rule, (depended.get(rule) ?? 0) + 1);
    if (!matched) continue;
    ids.push(row.id);
    if (items.length < LISTED) items.push({ id: row.id, summary: row.summary, receivedAt: row.receivedAt });
  }
  const rules = [...depended].map(([rule, events]) => ({ rule, events, note: UNSTATED_RULES[rule], assumption: UNSTATED_RULES_POINT }));
  return { matched: ids.length, total, ids: ids.slice(0, 200), items, errors: [], rules };
}

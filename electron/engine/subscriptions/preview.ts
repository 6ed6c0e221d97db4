import { matchesFilter, parseFilter, formatFilterErrors } from '@shared/filters';
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
  if (!parsed.ok) return { matched: 0, total: 0, ids: [], items: [], errors: [formatFilterErrors(parsed.errors, strings)] };
  const rows = events.ofEntityOp(entity, op, PREVIEW_CAP);
  let total = 0;
  const ids: number[] = [];
  const items: PreviewMatch[] = [];
  for (const row of rows) {
    total++;
    const event = { entity: row.entity, op: row.op, original: parseSection(row.original), new: parseSection(row.new) };
    if (!matchesFilter(parsed.filter, event)) continue;
    ids.push(row.id);
    if (items.length < LISTED) items.push({ id: row.id, summary: row.summary, receivedAt: row.receivedAt });
  }
  return { matched: ids.length, total, ids: ids.slice(0, 200), items, errors: [] };
}

import { matchesFilter, parseFilter, formatFilterErrors } from '@shared/filters';
import type { Store } from '../store/store';

const PREVIEW_CAP = 50_000;

/**
 * "Would have matched N of M": the subscription filter engine (the sandbox's own)
 * run over the newest stored events of one Entity × Op.
 */
export function previewFilter(store: Store, entity: string, op: string, strings: string[]) {
  const parsed = parseFilter(strings);
  if (!parsed.ok) return { matched: 0, total: 0, ids: [], errors: [formatFilterErrors(parsed.errors, strings)] };
  const rows = store.db
    .prepare(
      `SELECT id, entity, op, original, new FROM events WHERE entity = ? COLLATE NOCASE AND op = ? COLLATE NOCASE ORDER BY id DESC LIMIT ?`,
    )
    .iterate(entity, op, PREVIEW_CAP) as IterableIterator<{ id: number; entity: string; op: string; original: string | null; new: string | null }>;
  let total = 0;
  const ids: number[] = [];
  for (const row of rows) {
    total++;
    const event = { entity: row.entity, op: row.op, original: row.original ? JSON.parse(row.original) : null, new: row.new ? JSON.parse(row.new) : null };
    if (matchesFilter(parsed.filter, event)) ids.push(row.id);
  }
  return { matched: ids.length, total, ids: ids.slice(0, 200), errors: [] };
}

import type { EventSummary } from '@shared/contract';

/**
 * Puts newly received events on top of a newest-first list. Only events newer than
 * the current top are taken (ids only grow), so a page loaded in between, or a
 * duplicate notification, never inserts a row twice or out of order.
 */
export function prependNewest(items: readonly EventSummary[], fresh: readonly EventSummary[]): { items: EventSummary[]; added: number } {
  const top = items[0]?.id ?? -Infinity;
  const seen = new Set<number>();
  const newer = fresh.filter((e) => e.id > top && !seen.has(e.id) && (seen.add(e.id), true)).sort((a, b) => b.id - a.id);
  if (!newer.length) return { items: items as EventSummary[], added: 0 };
  return { items: [...newer, ...items], added: newer.length };
}

/** Appends an older page, skipping ids already listed (a live insert may have raced the page). */
export function appendOlder(items: readonly EventSummary[], page: readonly EventSummary[]): EventSummary[] {
  const bottom = items.at(-1)?.id ?? Infinity;
  return [...items, ...page.filter((e) => e.id < bottom)];
}

/** A retry arrived for an event already listed: its row shows the new attempt count in place. */
export function applyAttempt(items: readonly EventSummary[], attempt: { id: number; attempts: number; lastReceivedAt: number }): EventSummary[] {
  const index = items.findIndex((e) => e.id === attempt.id);
  if (index < 0) return items as EventSummary[];
  const next = items.slice();
  next[index] = { ...items[index]!, attempts: attempt.attempts, lastReceivedAt: attempt.lastReceivedAt };
  return next;
}

/**
 * How far the viewport must move so the rows it showed stay put after `added` rows were
 * inserted above them. At the very top the user is watching the live edge: no correction.
 */
export function anchorOffset(scrollTop: number, added: number, rowHeight: number): number {
  return scrollTop > 0 && added > 0 ? added * rowHeight : 0;
}

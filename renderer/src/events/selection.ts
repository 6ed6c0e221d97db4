import type { EventSummary } from '@shared/contract';

/**
 * Row selection for actions on several events, as in a file manager: a click selects
 * one row, Ctrl/⌘-click toggles one, Shift-click (or Shift+↑/↓) extends from the anchor.
 */
export interface Selection {
  ids: ReadonlySet<number>;
  /** Where a Shift-extension starts. */
  anchor: number | null;
}

export const NO_SELECTION: Selection = { ids: new Set(), anchor: null };

export function toggleOne(selection: Selection, id: number): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Every row between the anchor and `id` (inclusive), in list order; the anchor stays. */
export function extendTo(selection: Selection, items: readonly EventSummary[], id: number, keep = false): Selection {
  const anchor = selection.anchor ?? id;
  const a = items.findIndex((e) => e.id === anchor);
  const b = items.findIndex((e) => e.id === id);
  if (a < 0 || b < 0) return { ids: new Set([id]), anchor: id };
  const [from, to] = a < b ? [a, b] : [b, a];
  const ids = new Set(keep ? selection.ids : []);
  for (let i = from; i <= to; i++) ids.add(items[i]!.id);
  return { ids, anchor };
}

/** Drops ids no longer listed (deleted, filtered away). */
export function keepListed(selection: Selection, items: readonly EventSummary[]): Selection {
  if (!selection.ids.size) return selection;
  const listed = new Set(items.map((e) => e.id));
  const ids = new Set([...selection.ids].filter((id) => listed.has(id)));
  return ids.size === selection.ids.size ? selection : { ids, anchor: selection.anchor !== null && listed.has(selection.anchor) ? selection.anchor : null };
}

/** Selected ids in list order (newest first). */
export const orderedSelection = (selection: Selection, items: readonly EventSummary[]): number[] =>
  items.filter((e) => selection.ids.has(e.id)).map((e) => e.id);

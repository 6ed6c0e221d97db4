import { extendTo, NO_SELECTION, toggleOne } from '../../events/selection';
import type { CursorSlice, Slice } from './types';

export const cursorSlice: Slice<CursorSlice> = () => (set, get) => ({
  cursor: null,
  selection: NO_SELECTION,

  setCursor(id) {
    set({ cursor: id });
  },

  moveCursor(delta, extend = false) {
    const { items, cursor, selection } = get();
    if (!items.length) return;
    const index = cursor === null ? -1 : items.findIndex((e) => e.id === cursor);
    const next = Math.max(0, Math.min(items.length - 1, index < 0 ? 0 : index + delta));
    const id = items[next]!.id;
    if (extend) {
      const anchored = selection.anchor === null && cursor !== null ? { ...selection, anchor: cursor } : selection;
      set({ cursor: id, selection: extendTo(anchored, items, id) });
    } else set({ cursor: id });
    if (next > items.length - 50) void get().loadMore();
  },

  clickRow(id, { toggle, extend }) {
    const { selection, items } = get();
    if (extend)
      return set({
        cursor: id,
        selection: extendTo(selection.anchor === null && get().cursor !== null ? { ...selection, anchor: get().cursor } : selection, items, id, toggle),
      });
    if (toggle) return set({ cursor: id, selection: toggleOne(selection, id) });
    set({ selection: { ids: new Set(), anchor: id } });
    void get().open(id);
  },

  toggleSelected(id) {
    set({ selection: toggleOne(get().selection, id), cursor: id });
  },

  selectAll() {
    set({
      selection: {
        ids: new Set(get().items.map((e) => e.id)),
        anchor: get().cursor,
      },
    });
  },

  clearSelection() {
    if (get().selection.ids.size) set({ selection: NO_SELECTION });
  },
});

import { create } from 'zustand';
import { onEvent } from '../../api';
import { notifyNewEvents } from '../../notifications/notify';
import { notifyDrift } from '../../shapes/notifyDrift';
import { refreshVersionsSoon, useVersions } from '../../versions/lastSeen';
import { refreshStatusSoon } from '../status';
import { applyAttempt } from '../../events/live';
import { NO_SELECTION } from '../../events/selection';
import { cursorSlice } from './cursor';
import { detailSlice } from './detail';
import { listSlice } from './list';
import { rejectionsSlice } from './rejections';
import type { EventsState } from './types';
import { readUrl } from './url';

export { DETAIL_TABS, effectiveTab, type DetailTab } from '../../detail/tab-choice';
export type { ListView } from './url';
export type { EventsState } from './types';

/**
 * The events screen's store, one slice per concern: the list and its live updates
 * (list.ts), the keyboard cursor and selection (cursor.ts), the open event (detail.ts),
 * the Rejected view (rejections.ts); the URL keeps what a reload restores (url.ts).
 */
export const useEvents = create<EventsState>()((...a) => ({
  ...listSlice(...a),
  ...cursorSlice(...a),
  ...detailSlice(...a),
  ...rejectionsSlice(...a),

  init() {
    const [set, get] = a;
    const { filters, view, tab, openId } = readUrl(window.location.search);
    set({ filters, view, tab });
    void get().load();
    void get().loadRejections();
    if (openId !== null) void get().open(openId);
  },
}));

/** Wires engine events into the list. */
export function startLiveUpdates(): () => void {
  const offs = [
    onEvent('events.received', ({ items }) => {
      useEvents.getState().receive(items);
      notifyNewEvents(items);
      notifyDrift(items);
      refreshStatusSoon();
      if (items.some((e) => e.version)) refreshVersionsSoon();
    }),
    onEvent('events.attempt', (attempt) => {
      useEvents.setState((s) => ({ items: applyAttempt(s.items, attempt), pending: applyAttempt(s.pending, attempt) }));
      const { openId } = useEvents.getState();
      if (openId === attempt.id) void useEvents.getState().open(openId);
      refreshStatusSoon();
    }),
    onEvent('events.deleted', ({ ids }) => {
      useEvents.getState().removed(ids);
      refreshStatusSoon(0);
    }),
    onEvent('events.cleared', () => {
      useEvents.setState({ items: [], pending: [], unread: 0, nextCursor: undefined, cursor: null, rejections: [], selection: NO_SELECTION });
      useEvents.getState().close();
      void useVersions.getState().refresh();
    }),
    // The engine sends at most 20 a second one by one (a flood is only counted): the list stays the newest 1000.
    onEvent('rejections.added', ({ item }) => useEvents.setState((s) => ({ rejections: [item, ...s.rejections].slice(0, 1000) }))),
    onEvent('rejections.skipped', () => void useEvents.getState().loadRejections()),
  ];
  const seen = () => useEvents.getState().markSeen();
  window.addEventListener('focus', seen);
  document.addEventListener('visibilitychange', seen);
  return () => {
    offs.forEach((off) => void off());
    window.removeEventListener('focus', seen);
    document.removeEventListener('visibilitychange', seen);
  };
}

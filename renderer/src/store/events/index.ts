import { createStore } from 'zustand';
import type { EventDetail, EventSummary } from '@shared/contract';
import { applyAttempt } from '../../events/live';
import { NO_SELECTION } from '../../events/selection';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../../errors';
import { bound, dataLayer } from '../current';
import { invalidateSoon, reread } from '../query';
import { cursorSlice } from './cursor';
import { detailSlice, EVENT_DETAIL, eventDetailQuery } from './detail';
import { listSlice } from './list';
import { rejectionsSlice } from './rejections';
import type { EventsDeps, EventsState } from './types';
import { readUrl } from './url';

export { DETAIL_TABS, effectiveTab, type DetailTab } from '../../detail/tab-choice';
export { eventDetailQuery } from './detail';
export type { ListView } from './url';
export type { EventsState } from './types';

/**
 * The events screen's store, one slice per concern: the list and its live updates
 * (list.ts), the keyboard cursor and selection (cursor.ts), the open event (detail.ts),
 * the Rejected view (rejections.ts); the URL keeps what a reload restores (url.ts).
 * The list stays a zustand store, not a query: it is one live view merged from pages and
 * pushed events (with pause and unread counts), not a cached answer.
 */
export function createEventsStore(deps: EventsDeps, arrived: (items: EventSummary[]) => void = () => undefined) {
  const { bridge, env, client } = deps;
  return createStore<EventsState>()((...a) => ({
    ...listSlice(deps)(...a),
    ...cursorSlice(deps)(...a),
    ...detailSlice(deps)(...a),
    ...rejectionsSlice(deps)(...a),

    init() {
      const [set, get] = a;
      const { filters, view, tab, openId } = readUrl(env.readSearch());
      set({ filters, view, tab });
      const firstPage = get().load();
      // After the first page: the list's request goes alone (see the data layer's start).
      void firstPage.then(() => get().loadRejections());
      if (openId !== null) void get().open(openId);
      return firstPage;
    },

    async deleteEvents(ids) {
      const { deleted } = await bridge.api.deleteEvents({ ids });
      // The engine also announces it (events.deleted); applying it here keeps this window snappy.
      a[1]().removed(ids);
      return deleted;
    },
    async clearEvents() {
      return (await bridge.api.clearEvents()).deleted;
    },
    async revealRequest(eventId, requestId) {
      const detail = await bridge.api.getEvent({ id: eventId, revealSecrets: true });
      return detail.requests.find((r) => r.id === requestId) ?? null;
    },
    async sendSample(kind) {
      return (await bridge.api.sendSampleEvent({ kind })).status;
    },
    countQuery: (query, listed) => ({ queryKey: ['eventCount', query, listed] as const, queryFn: () => bridge.api.countEvents(query) }),
    recordQuery: (recordKey) => ({
      queryKey: ['record', recordKey] as const,
      queryFn: () => bridge.api.recordEvents({ recordKey, limit: 200 }),
    }),

    start() {
      const [set, get] = a;
      const records = invalidateSoon(client, ['record'], 1000);
      const offs = [
        bridge.on('events.received', ({ items }) => {
          get().receive(items);
          records.trigger();
          arrived(items);
        }),
        bridge.on('events.attempt', (attempt) => {
          set((s) => ({
            items: applyAttempt(s.items, attempt),
            pending: applyAttempt(s.pending, attempt),
          }));
          void reread(client, [...EVENT_DETAIL, attempt.id]);
        }),
        bridge.on('events.deleted', ({ ids }) => {
          get().removed(ids);
          ids.forEach((id) => client.removeQueries({ queryKey: [...EVENT_DETAIL, id] }));
        }),
        bridge.on('events.cleared', () => {
          set({
            items: [],
            pending: [],
            unread: 0,
            nextCursor: undefined,
            cursor: null,
            rejections: [],
            selection: NO_SELECTION,
          });
          get().close();
          client.removeQueries({ queryKey: EVENT_DETAIL });
        }),
        // The engine sends at most 20 a second one by one (a flood is only counted): the list stays the newest 1000.
        bridge.on('rejections.added', ({ item }) => set((s) => ({ rejections: [item, ...s.rejections].slice(0, 1000) }))),
        bridge.on('rejections.skipped', () => void get().loadRejections()),
        env.onWatch(() => get().markSeen()),
      ];
      return () => {
        records.stop();
        offs.forEach((off) => void off());
      };
    },
  }));
}

export const useEvents = bound((layer) => layer.events);

/** One event's detail from the shared cache (the detail pane, the compare dialog). */
export function useEventDetail(id: number | null) {
  const { api } = dataLayer().bridge;
  return useQuery({ ...eventDetailQuery(api, id ?? -1), enabled: id !== null });
}

/** The open event: its detail, why it could not be read, and its new-major warning. */
export function useOpenEvent() {
  const openId = useEvents((s) => s.openId);
  const { data, error } = useEventDetail(openId);
  const detail = data ?? null;
  return {
    openId,
    detail,
    detailError: error ? errorText(error) : null,
    /** Set when the open event is the first of its shape with a higher major (stored by the engine). */
    versionWarning: detail?.driftItems.find((d) => d.kind === 'new_major') ?? null,
  };
}

/** The open event's detail if it has been read (for keyboard actions, outside React). */
export function openDetail(): EventDetail | undefined {
  const { openId } = dataLayer().events.getState();
  return openId === null ? undefined : dataLayer().client.getQueryData<EventDetail>([...EVENT_DETAIL, openId]);
}

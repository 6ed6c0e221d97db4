import type { EventSummary } from '@shared/contract';
import { errorText } from '../../errors';
import { appendOlder, prependNewest } from '../../events/live';
import { hasFilters, matchesLocally, NO_FILTERS, toListQuery, type Filters } from '../../events/filters';
import { keepListed } from '../../events/selection';
import type { ListSlice, Slice } from './types';
import { writeUrl } from './url';

/** First page small for a fast first paint; later pages larger, fetched while scrolling. */
const FIRST_PAGE = 200;
const NEXT_PAGE = 500;

export const listSlice: Slice<ListSlice> =
  ({ bridge, env }) =>
  (set, get) => {
    /** Bumped by every first-page load: answers of older loads are dropped. */
    let generation = 0;
    /** Events that arrived while a first page was in flight: applied on top of it when it lands. */
    let arrivedDuringLoad: EventSummary[] = [];
    let headInFlight = false;
    let headAgain = false;

    /** With text or field filters only the server knows whether a new event matches: ask for the head of the list. */
    async function refreshHead(): Promise<void> {
      if (headInFlight) {
        headAgain = true;
        return;
      }
      headInFlight = true;
      try {
        const gen = generation;
        const page = await bridge.api.listEvents({
          ...toListQuery(get().filters, Date.now()),
          limit: FIRST_PAGE,
        });
        if (gen === generation) accept(page.items);
      } catch {
        // the next arrival retries
      } finally {
        headInFlight = false;
        if (headAgain) {
          headAgain = false;
          void refreshHead();
        }
      }
    }

    function accept(fresh: EventSummary[]): void {
      if (!fresh.length) return;
      const state = get();
      if (state.loading) {
        arrivedDuringLoad.push(...fresh);
        return;
      }
      if (state.paused) {
        const { items, added } = prependNewest(
          state.pending,
          fresh.filter((e) => e.id > (state.items[0]?.id ?? -Infinity)),
        );
        set({ pending: items, unread: state.unread + added });
        return;
      }
      const { items, added } = prependNewest(state.items, fresh);
      if (!added) return;
      const unseen = !state.atTop || !env.watched();
      set({
        items,
        unread: unseen ? state.unread + added : state.unread,
        cursor: state.cursor ?? items[0]!.id,
      });
    }

    return {
      filters: NO_FILTERS,
      items: [],
      loading: true,
      loadingMore: false,
      error: null,
      paused: false,
      pending: [],
      unread: 0,
      atTop: true,

      setFilters(patch) {
        const filters: Filters = { ...get().filters, ...patch };
        for (const key of ['entity', 'op', 'text', 'field'] as const) if (!filters[key]) delete filters[key];
        set({ filters });
        writeUrl(env, get());
        void get().load();
      },

      clearFilters() {
        if (!hasFilters(get().filters)) return;
        set({ filters: NO_FILTERS });
        writeUrl(env, get());
        void get().load();
      },

      async load() {
        const gen = ++generation;
        arrivedDuringLoad = [];
        set({ loading: true, loadingMore: false, error: null });
        try {
          const page = await bridge.api.listEvents({
            ...toListQuery(get().filters, Date.now()),
            limit: FIRST_PAGE,
          });
          if (gen !== generation) return;
          const now = Date.now();
          const late = arrivedDuringLoad.filter((e) => matchesLocally(e, get().filters, now) === true);
          arrivedDuringLoad = [];
          const { items } = prependNewest(page.items, late);
          const cursor = get().cursor;
          set({
            items,
            nextCursor: page.nextCursor,
            loading: false,
            pending: [],
            unread: 0,
            cursor: cursor !== null && items.some((e) => e.id === cursor) ? cursor : (items[0]?.id ?? null),
            selection: keepListed(get().selection, items),
          });
        } catch (error) {
          if (gen === generation) set({ loading: false, error: errorText(error) });
        }
      },

      async loadMore() {
        const { nextCursor, loadingMore, loading } = get();
        if (!nextCursor || loadingMore || loading) return;
        const gen = generation;
        set({ loadingMore: true });
        try {
          const page = await bridge.api.listEvents({
            ...toListQuery(get().filters, Date.now()),
            before: nextCursor,
            limit: NEXT_PAGE,
          });
          if (gen !== generation) return;
          set({
            items: appendOlder(get().items, page.items),
            nextCursor: page.nextCursor,
            loadingMore: false,
          });
        } catch (error) {
          if (gen === generation) set({ loadingMore: false, error: errorText(error) });
        }
      },

      receive(fresh) {
        const now = Date.now();
        const filters = get().filters;
        const verdicts = fresh.map((e) => matchesLocally(e, filters, now));
        if (verdicts.includes(undefined)) void refreshHead();
        else accept(fresh.filter((_e, i) => verdicts[i]));
      },

      removed(ids) {
        const gone = new Set(ids);
        const state = get();
        const index = state.cursor === null ? -1 : state.items.findIndex((e) => e.id === state.cursor);
        const items = state.items.filter((e) => !gone.has(e.id));
        // The cursor moves to the row that took the deleted one's place.
        const cursor = state.cursor !== null && gone.has(state.cursor) ? (items[Math.min(index, items.length - 1)]?.id ?? null) : state.cursor;
        set({
          items,
          pending: state.pending.filter((e) => !gone.has(e.id)),
          cursor,
          selection: keepListed(state.selection, items),
        });
        if (state.openId !== null && gone.has(state.openId)) state.close();
      },

      setAtTop(atTop) {
        if (atTop === get().atTop) return;
        set({ atTop });
        if (atTop) get().markSeen();
      },

      markSeen() {
        const { atTop, paused, unread } = get();
        if (unread && atTop && !paused && env.watched()) set({ unread: 0 });
      },

      togglePaused() {
        const { paused, pending, items } = get();
        if (!paused) return set({ paused: true });
        set({
          paused: false,
          pending: [],
          items: prependNewest(items, pending).items,
        });
        get().markSeen();
      },
    };
  };

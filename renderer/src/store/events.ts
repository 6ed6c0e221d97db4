import { create } from 'zustand';
import type { DriftItem, EventDetail, EventSummary, Rejection } from '@shared/contract';
import { api, onEvent } from '../api';
import { appendOlder, applyAttempt, prependNewest } from '../events/live';
import { hasFilters, matchesLocally, NO_FILTERS, parseFilters, toListQuery, writeFilters, type Filters } from '../events/filters';
import { notifyNewEvents } from '../notifications/notify';
import { notifyDrift } from '../shapes/notifyDrift';
import { refreshVersionsSoon, useVersions } from '../versions/lastSeen';
import { refreshStatusSoon } from './status';
import { DETAIL_TABS, type DetailTab } from '../detail/tabs';

export { DETAIL_TABS, effectiveTab, type DetailTab } from '../detail/tabs';
export type ListView = 'events' | 'rejected';

/** First page small for a fast first paint; later pages larger, fetched while scrolling. */
const FIRST_PAGE = 200;
const NEXT_PAGE = 500;

export interface EventsState {
  filters: Filters;
  items: EventSummary[];
  nextCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Live insertion paused: arrivals wait in `pending` and the list stays still. */
  paused: boolean;
  pending: EventSummary[];
  /** Events that arrived while the user was not watching the top of the list. */
  unread: number;
  /** The list is scrolled to its top, the live edge. */
  atTop: boolean;
  /** Keyboard cursor (highlighted row). */
  cursor: number | null;
  /** The event shown in the detail pane. */
  openId: number | null;
  detail: EventDetail | null;
  detailError: string | null;
  /** Set when the open event is the first of its shape with a higher major (stored by the engine). */
  versionWarning: DriftItem | null;
  /** The tab the user picked; null means the default for the event. */
  tab: DetailTab | null;
  view: ListView;
  rejections: Rejection[];

  init(): void;
  setFilters(patch: Partial<Filters>): void;
  clearFilters(): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  receive(items: EventSummary[]): void;
  setAtTop(atTop: boolean): void;
  markSeen(): void;
  togglePaused(): void;
  setCursor(id: number | null): void;
  moveCursor(delta: number): void;
  open(id: number): Promise<void>;
  close(): void;
  setTab(tab: DetailTab): void;
  setView(view: ListView): void;
  loadRejections(): Promise<void>;
}

let generation = 0;
/** Events that arrived while a first page was in flight: applied on top of it when it lands. */
let arrivedDuringLoad: EventSummary[] = [];

const windowWatched = () => document.hasFocus() && document.visibilityState === 'visible';

/** Filters, view, open event and tab live in the query string, so a reload (or a shared link) restores them. */
function writeUrl(state: Pick<EventsState, 'filters' | 'openId' | 'tab' | 'view'>): void {
  const params = new URLSearchParams(writeFilters(window.location.search, state.filters));
  const set = (name: string, value: string | null) => (value === null ? params.delete(name) : params.set(name, value));
  set('event', state.openId === null ? null : String(state.openId));
  set('tab', state.tab);
  set('view', state.view === 'rejected' ? 'rejected' : null);
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', url);
}

export const useEvents = create<EventsState>((set, get) => {
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
      const page = await api.listEvents({ ...toListQuery(get().filters, Date.now()), limit: FIRST_PAGE });
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
      const { items, added } = prependNewest(state.pending, fresh.filter((e) => e.id > (state.items[0]?.id ?? -Infinity)));
      set({ pending: items, unread: state.unread + added });
      return;
    }
    const { items, added } = prependNewest(state.items, fresh);
    if (!added) return;
    const unseen = !state.atTop || !windowWatched();
    set({ items, unread: unseen ? state.unread + added : state.unread, cursor: state.cursor ?? items[0]!.id });
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
    cursor: null,
    openId: null,
    detail: null,
    detailError: null,
    versionWarning: null,
    tab: null,
    view: 'events',
    rejections: [],

    init() {
      const params = new URLSearchParams(window.location.search);
      const tab = params.get('tab') as DetailTab | null;
      const openId = Number.parseInt(params.get('event') ?? '', 10);
      set({
        filters: parseFilters(window.location.search),
        view: params.get('view') === 'rejected' ? 'rejected' : 'events',
        tab: tab && DETAIL_TABS.includes(tab) ? tab : null,
      });
      void get().load();
      void get().loadRejections();
      if (Number.isFinite(openId)) void get().open(openId);
    },

    setFilters(patch) {
      const filters: Filters = { ...get().filters, ...patch };
      for (const key of ['entity', 'op', 'text', 'field'] as const) if (!filters[key]) delete filters[key];
      set({ filters });
      writeUrl(get());
      void get().load();
    },

    clearFilters() {
      if (!hasFilters(get().filters)) return;
      set({ filters: NO_FILTERS });
      writeUrl(get());
      void get().load();
    },

    async load() {
      const gen = ++generation;
      arrivedDuringLoad = [];
      set({ loading: true, loadingMore: false, error: null });
      try {
        const page = await api.listEvents({ ...toListQuery(get().filters, Date.now()), limit: FIRST_PAGE });
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
        });
      } catch (error) {
        if (gen === generation) set({ loading: false, error: (error as Error).message });
      }
    },

    async loadMore() {
      const { nextCursor, loadingMore, loading } = get();
      if (!nextCursor || loadingMore || loading) return;
      const gen = generation;
      set({ loadingMore: true });
      try {
        const page = await api.listEvents({ ...toListQuery(get().filters, Date.now()), before: nextCursor, limit: NEXT_PAGE });
        if (gen !== generation) return;
        set({ items: appendOlder(get().items, page.items), nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        if (gen === generation) set({ loadingMore: false, error: (error as Error).message });
      }
    },

    receive(fresh) {
      const now = Date.now();
      const filters = get().filters;
      const verdicts = fresh.map((e) => matchesLocally(e, filters, now));
      if (verdicts.includes(undefined)) void refreshHead();
      else accept(fresh.filter((_e, i) => verdicts[i]));
    },

    setAtTop(atTop) {
      if (atTop === get().atTop) return;
      set({ atTop });
      if (atTop) get().markSeen();
    },

    markSeen() {
      const { atTop, paused, unread } = get();
      if (unread && atTop && !paused && windowWatched()) set({ unread: 0 });
    },

    togglePaused() {
      const { paused, pending, items } = get();
      if (!paused) return set({ paused: true });
      set({ paused: false, pending: [], items: prependNewest(items, pending).items });
      get().markSeen();
    },

    setCursor(id) {
      set({ cursor: id });
    },

    moveCursor(delta) {
      const { items, cursor } = get();
      if (!items.length) return;
      const index = cursor === null ? -1 : items.findIndex((e) => e.id === cursor);
      const next = Math.max(0, Math.min(items.length - 1, index < 0 ? 0 : index + delta));
      set({ cursor: items[next]!.id });
      if (next > items.length - 50) void get().loadMore();
    },

    async open(id) {
      set({ openId: id, cursor: id, detail: get().detail?.id === id ? get().detail : null, detailError: null });
      writeUrl(get());
      try {
        const detail = await api.getEvent({ id });
        if (get().openId !== id) return;
        const versionWarning = detail.driftItems.find((d) => d.kind === 'new_major') ?? null;
        set({ detail, versionWarning });
      } catch (error) {
        if (get().openId === id) set({ detailError: (error as Error).message });
      }
    },

    close() {
      set({ openId: null, detail: null, detailError: null, versionWarning: null });
      writeUrl(get());
    },

    setTab(tab) {
      set({ tab });
      writeUrl(get());
    },

    setView(view) {
      set({ view });
      writeUrl(get());
      if (view === 'rejected') void get().loadRejections();
    },

    async loadRejections() {
      try {
        set({ rejections: (await api.listRejections({ limit: 1000 })).items });
      } catch {
        // the count in the status bar still shows them
      }
    },
  };
});

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
    onEvent('events.cleared', () => {
      useEvents.setState({ items: [], pending: [], unread: 0, nextCursor: undefined, cursor: null, rejections: [] });
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

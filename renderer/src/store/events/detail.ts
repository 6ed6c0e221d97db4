import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';
import type { DetailSlice, Slice } from './types';
import { writeUrl } from './url';

/** Every cached event detail lives under this key (the detail pane, the compare dialog). */
export const EVENT_DETAIL = ['event'] as const;

/**
 * One event's detail. Keyed by id, so an answer for an event opened earlier fills only that
 * event's entry and never shows for the one open now; a refresh of the same event (a new
 * attempt arrived) cancels the refresh still in flight.
 */
export const eventDetailQuery = (api: Api, id: number) =>
  queryOptions({
    queryKey: [...EVENT_DETAIL, id],
    queryFn: () => api.getEvent({ id }),
  });

export const detailSlice: Slice<DetailSlice> =
  ({ env }) =>
  (set, get) => ({
    openId: null,
    tab: null,

    async open(id) {
      set({ openId: id, cursor: id });
      writeUrl(env, get());
    },

    close() {
      set({ openId: null });
      writeUrl(env, get());
    },

    setTab(tab) {
      set({ tab });
      writeUrl(env, get());
    },
  });

import { api } from '../../api';
import { errorText } from '../../errors';
import type { DetailSlice, Slice } from './types';
import { writeUrl } from './url';

export const detailSlice: Slice<DetailSlice> = (set, get) => ({
  openId: null,
  detail: null,
  detailError: null,
  versionWarning: null,
  tab: null,

  async open(id) {
    set({ openId: id, cursor: id, detail: get().detail?.id === id ? get().detail : null, detailError: null });
    writeUrl(get());
    try {
      const detail = await api.getEvent({ id });
      if (get().openId !== id) return;
      const versionWarning = detail.driftItems.find((d) => d.kind === 'new_major') ?? null;
      set({ detail, versionWarning });
    } catch (error) {
      if (get().openId === id) set({ detailError: errorText(error) });
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
});

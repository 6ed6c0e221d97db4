import { api } from '../../api';
import type { RejectionsSlice, Slice } from './types';
import { writeUrl } from './url';

export const rejectionsSlice: Slice<RejectionsSlice> = (set, get) => ({
  view: 'events',
  rejections: [],

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
});

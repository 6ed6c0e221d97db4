import type { RejectionsSlice, Slice } from './types';
import { writeUrl } from './url';

export const rejectionsSlice: Slice<RejectionsSlice> =
  ({ bridge, env }) =>
  (set, get) => ({
    view: 'events',
    rejections: [],

    setView(view) {
      set({ view });
      writeUrl(env, get());
      if (view === 'rejected') void get().loadRejections();
    },

    async loadRejections() {
      try {
        set({
          rejections: (await bridge.api.listRejections({ limit: 1000 })).items,
        });
      } catch {
        // the count in the status bar still shows them
      }
    },
  });

import { createStore } from 'zustand';
import type { EntityVersion } from '../versions/lastSeen';
import type { DataBridge } from './bridge';
import { onceAfter } from './burst';
import { bound } from './current';

export interface VersionsState {
  /** Every Entity/Version pair stored, from the engine. */
  seen: EntityVersion[];
  refresh(): Promise<void>;
  /** A burst of new events asks for the version counts once, not once per event. */
  refreshSoon(delay?: number): void;
}

export function createVersionsStore(bridge: DataBridge) {
  return createStore<VersionsState>()((set, get) => {
    const soon = onceAfter(() => void get().refresh(), 1000);
    return {
      seen: [],
      async refresh() {
        try {
          set({ seen: (await bridge.api.entityVersions()).items });
        } catch {
          // badges still work without the counts
        }
      },
      refreshSoon: (delay) => soon.trigger(delay),
    };
  });
}

export const useVersions = bound((layer) => layer.versions);

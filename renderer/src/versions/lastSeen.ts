import { create } from 'zustand';
import { api } from '../api';

export interface EntityVersion {
  entity: string;
  version: string;
  count: number;
  lastSeen: number;
}

interface VersionsState {
  /** Every Entity/Version pair stored, from the engine. */
  seen: EntityVersion[];
  refresh(): Promise<void>;
}

export const useVersions = create<VersionsState>((set) => ({
  seen: [],
  async refresh() {
    try {
      set({ seen: (await api.entityVersions()).items });
    } catch {
      // badges still work without the counts
    }
  },
}));

/** Versions of one entity seen so far, newest first, for the badge's tooltip. */
export function versionsOf(seen: readonly EntityVersion[], entity: string | null): EntityVersion[] {
  if (!entity) return [];
  const scope = entity.toLowerCase();
  return seen.filter((v) => v.entity.toLowerCase() === scope);
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** A burst of new events asks for the version counts once, not once per event. */
export function refreshVersionsSoon(delay = 1000): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    void useVersions.getState().refresh();
  }, delay);
}

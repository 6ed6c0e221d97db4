import { create } from 'zustand';
import { majorChanged, rememberVersion, type MajorChange } from '@shared/changes';
import { api } from '../api';

const STORAGE = 'mwi.lastSeenVersions';

function load(): Record<string, string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE) ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export interface EntityVersion {
  entity: string;
  version: string;
  count: number;
  lastSeen: number;
}

interface VersionsState {
  /** The version the user last looked at, per entity (lower-cased), kept across sessions. */
  lastSeen: Record<string, string>;
  /** Every Entity/Version pair stored, from the engine. */
  seen: EntityVersion[];
  refresh(): Promise<void>;
  /** Records that the user looked at this event; returns the warning to show, if its major differs from the last one seen. */
  look(entity: string | null, version: string | null): MajorChange | null;
}

export const useVersions = create<VersionsState>((set, get) => ({
  lastSeen: load(),
  seen: [],
  async refresh() {
    try {
      set({ seen: (await api.entityVersions()).items });
    } catch {
      // badges still work without the counts
    }
  },
  look(entity, version) {
    const warning = majorChanged(get().lastSeen, entity, version);
    const lastSeen = rememberVersion(get().lastSeen, entity, version);
    localStorage.setItem(STORAGE, JSON.stringify(lastSeen));
    set({ lastSeen });
    return warning;
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

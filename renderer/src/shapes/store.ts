import { create } from 'zustand';
import type { DriftItem, ShapeDetail, ShapeSummary } from '@shared/contract';
import { api, onEvent } from '../api';
import { errorText } from '../errors';

interface ShapesState {
  shapes: ShapeSummary[];
  loaded: boolean;
  error: string | null;
  detail: ShapeDetail | null;
  drift: DriftItem[];
  load(): Promise<void>;
  open(id: number): Promise<void>;
}

export const useShapes = create<ShapesState>((set, get) => ({
  shapes: [],
  loaded: false,
  error: null,
  detail: null,
  drift: [],
  async load() {
    try {
      set({ shapes: (await api.listShapes()).items, loaded: true, error: null });
    } catch (error) {
      set({ error: errorText(error), loaded: true });
    }
  },
  async open(id) {
    try {
      const [detail, drift] = await Promise.all([api.getShape({ id }), api.listDrift({ shapeId: id, limit: 50 })]);
      set({ detail, drift: drift.items, error: null });
    } catch (error) {
      set({ detail: null, drift: [], error: errorText(error) });
    }
  },
}));

/** While the Shapes tab is open, new events refresh it (once per burst). */
export function startShapeUpdates(current: () => number | null): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void useShapes.getState().load();
      const id = current();
      if (id !== null) void useShapes.getState().open(id);
    }, 500);
  };
  const offs = [onEvent('events.received', refresh), onEvent('events.cleared', refresh)];
  return () => {
    clearTimeout(timer);
    offs.forEach((off) => void off());
  };
}

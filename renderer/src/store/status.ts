import { createStore } from 'zustand';
import type { Status } from '@shared/contract';
import { errorText } from '../errors';
import type { DataBridge } from './bridge';
import { onceAfter } from './burst';
import { bound } from './current';

export interface StatusState {
  status: Status | null;
  /** Whether live events reach the UI (browser mode's event stream; IPC always does). */
  connected: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** Counts change with every webhook; a burst of 5,000 must not cause 5,000 status calls. */
  refreshSoon(delay?: number): void;
  /** A new receiver secret; the previous one keeps working for a while (the answer says until when). */
  rotateSecret(): Promise<Status['receiver']>;
  start(): () => void;
}

/** The status bar's data: receiver, counts, stream state. The engine pushes it; bursts re-read it once. */
export function createStatusStore(bridge: DataBridge) {
  return createStore<StatusState>()((set, get) => {
    const soon = onceAfter(() => void get().refresh(), 400);
    return {
      status: null,
      connected: bridge.streamConnected(),
      error: null,
      async refresh() {
        try {
          set({ status: await bridge.api.status(), error: null });
        } catch (error) {
          set({ error: errorText(error) });
        }
      },
      refreshSoon: (delay) => soon.trigger(delay),
      async rotateSecret() {
        const receiver = await bridge.api.rotateSecret();
        set((s) => (s.status ? { status: { ...s.status, receiver } } : s));
        return receiver;
      },
      start() {
        void get().refresh();
        set({ connected: bridge.streamConnected() });
        const offs = [
          bridge.on('status.changed', (status) => set({ status, error: null })),
          bridge.on('rejections.added', () => get().refreshSoon()),
          bridge.on('rejections.skipped', () => get().refreshSoon()),
          bridge.on('receiver.changed', () => get().refreshSoon(0)),
          bridge.on('events.cleared', () => get().refreshSoon(0)),
          bridge.onStreamConnection((connected) => {
            set({ connected });
            if (connected) get().refreshSoon(0);
          }),
        ];
        return () => {
          soon.stop();
          offs.forEach((off) => void off());
        };
      },
    };
  });
}

export const useStatus = bound((layer) => layer.status);

import { create } from 'zustand';
import type { Status } from '@shared/contract';
import { api, isStreamConnected, onEvent, onStreamConnection } from '../api';
import { errorText } from '../errors';

interface StatusState {
  status: Status | null;
  /** Whether live events reach the UI (browser mode's event stream; IPC always does). */
  connected: boolean;
  error: string | null;
  refresh(): Promise<void>;
}

export const useStatus = create<StatusState>((set) => ({
  status: null,
  connected: isStreamConnected(),
  error: null,
  async refresh() {
    try {
      set({ status: await api.status(), error: null });
    } catch (error) {
      set({ error: errorText(error) });
    }
  },
}));

let timer: ReturnType<typeof setTimeout> | undefined;
/** Counts change with every webhook; a burst of 5,000 must not cause 5,000 status calls. */
export function refreshStatusSoon(delay = 400): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    void useStatus.getState().refresh();
  }, delay);
}

export function startStatusUpdates(): () => void {
  void useStatus.getState().refresh();
  useStatus.setState({ connected: isStreamConnected() });
  const offs = [
    onEvent('status.changed', (status) => useStatus.setState({ status, error: null })),
    onEvent('rejections.added', () => refreshStatusSoon()),
    onEvent('rejections.skipped', () => refreshStatusSoon()),
    onEvent('receiver.changed', () => refreshStatusSoon(0)),
    onEvent('events.cleared', () => refreshStatusSoon(0)),
    onStreamConnection((connected) => {
      useStatus.setState({ connected });
      if (connected) refreshStatusSoon(0);
    }),
  ];
  return () => offs.forEach((off) => void off());
}

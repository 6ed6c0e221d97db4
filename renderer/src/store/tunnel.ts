import { create } from 'zustand';
import type { TunnelStatus } from '@shared/contract';
import { api, onEvent, onStreamConnection } from '../api';

interface TunnelStore {
  tunnel: TunnelStatus | null;
  refresh(): Promise<void>;
}

export const useTunnel = create<TunnelStore>((set) => ({
  tunnel: null,
  async refresh() {
    try {
      set({ tunnel: await api.tunnelStatus() });
    } catch {
      // the status bar keeps the last known state; the stream indicator says the engine is unreachable
    }
  },
}));

/** Every state change arrives as 'tunnel.changed'; a reconnected stream re-reads it in case one was missed. */
export function startTunnelUpdates(): () => void {
  void useTunnel.getState().refresh();
  const offs = [
    onEvent('tunnel.changed', (tunnel) => useTunnel.setState({ tunnel })),
    onStreamConnection((connected) => {
      if (connected) void useTunnel.getState().refresh();
    }),
  ];
  return () => offs.forEach((off) => void off());
}

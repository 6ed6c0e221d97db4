import { createStore } from 'zustand';
import type { CallInput, TunnelStatus } from '@shared/contract';
import type { DataBridge } from './bridge';
import { bound } from './current';

export interface TunnelState {
  tunnel: TunnelStatus | null;
  refresh(): Promise<void>;
  /** Saves tunnel settings; the answer is the new state. */
  configure(change: CallInput<'setTunnel'>): Promise<void>;
  reconnect(): Promise<void>;
  start(): () => void;
}

export function createTunnelStore(bridge: DataBridge) {
  return createStore<TunnelState>()((set, get) => ({
    tunnel: null,
    async refresh() {
      try {
        set({ tunnel: await bridge.api.tunnelStatus() });
      } catch {
        // the status bar keeps the last known state; the stream indicator says the engine is unreachable
      }
    },
    async configure(change) {
      set({ tunnel: await bridge.api.setTunnel(change) });
    },
    async reconnect() {
      set({ tunnel: await bridge.api.reconnectTunnel() });
    },
    /** Every state change arrives as 'tunnel.changed'; a reconnected stream re-reads it in case one was missed. */
    start() {
      void get().refresh();
      const offs = [
        bridge.on('tunnel.changed', (tunnel) => set({ tunnel })),
        bridge.onStreamConnection((connected) => {
          if (connected) void get().refresh();
        }),
      ];
      return () => offs.forEach((off) => void off());
    },
  }));
}

export const useTunnel = bound((layer) => layer.tunnel);

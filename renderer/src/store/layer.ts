import type { QueryClient } from '@tanstack/react-query';
import type { EventSummary } from '@shared/contract';
import type { DataBridge, PageEnv } from './bridge';
import { createEventsStore } from './events';
import { createForwardingStore } from './forwarding';
import { createQueryClient } from './query';
import { createShapesData } from './shapes';
import { createStatusStore } from './status';
import { createSubscriptionsStore } from './subscriptions';
import { createTransferStore } from './transfer';
import { createTunnelStore } from './tunnel';
import { createVersionsStore } from './versions';

export interface DataLayerOptions {
  env: PageEnv;
  client?: QueryClient;
  /** Told of every batch of new events (desktop notifications, drift toasts): reactions, not data. */
  onArrived?: (items: EventSummary[]) => void;
  /**
   * The other stores start when this has settled too (main.tsx: the first frame with the list
   * painted). What they read shows only after that frame, and their answers would otherwise be
   * parsed while the first rows render.
   */
  restAfter?: Promise<unknown>;
}

/**
 * The renderer's data: one store per contract section, all built on the bridge passed in, and
 * one request cache (TanStack Query) shared by the query-backed parts. main.tsx builds it on the
 * real bridge; tests build it (or one store) on a fake.
 */
export function createDataLayer(bridge: DataBridge, { env, client = createQueryClient(), onArrived, restAfter }: DataLayerOptions) {
  const status = createStatusStore(bridge);
  const versions = createVersionsStore(bridge);
  const events = createEventsStore({ bridge, env, client }, (items) => {
    status.getState().refreshSoon();
    if (items.some((e) => e.version)) versions.getState().refreshSoon();
    onArrived?.(items);
  });
  let firstPage: Promise<void> = new Promise(() => undefined);
  const layer = {
    bridge,
    client,
    status,
    versions,
    events,
    tunnel: createTunnelStore(bridge),
    forwarding: createForwardingStore(bridge, client),
    transfer: createTransferStore(bridge),
    subscriptions: createSubscriptionsStore(bridge, client),
    shapes: createShapesData(bridge, client),
    /** Settles when the first page of events has loaded or failed (after start). */
    firstPage: () => firstPage,
    /** Wires engine events into every store and reads what the shell shows at once; returns the stop. */
    start(): () => void {
      firstPage = events.getState().init();
      const stops = [
        events.getState().start(),
        bridge.on('events.attempt', () => status.getState().refreshSoon()),
        bridge.on('events.deleted', () => status.getState().refreshSoon(0)),
        bridge.on('events.cleared', () => void versions.getState().refresh()),
      ];
      let stopped = false;
      // The other stores start once the first page is in (and restAfter has settled): a browser runs
      // six requests per origin at once, and their first reads (and the views' code) must not queue
      // the list's answer behind them. Each subscribes before it reads, so starting later misses nothing.
      const startRest = () => {
        if (stopped) return;
        stops.push(
          status.getState().start(),
          layer.tunnel.getState().start(),
          layer.forwarding.getState().start(),
          layer.transfer.getState().start(),
          layer.subscriptions.getState().start(),
          layer.shapes.start(),
        );
        void versions.getState().refresh();
      };
      void Promise.allSettled([firstPage, restAfter]).then(startRest);
      return () => {
        stopped = true;
        stops.forEach((stop) => stop());
      };
    },
  };
  return layer;
}

export type DataLayer = ReturnType<typeof createDataLayer>;

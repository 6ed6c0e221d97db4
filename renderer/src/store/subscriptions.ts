import { create } from 'zustand';
import type { ConnectionStatus, SavedConnection, Subscription, Target } from '@shared/contract';
import { api, onEvent } from '../api';
import { errorText, reportError } from '../errors';

interface SubscriptionsStore {
  connection: ConnectionStatus | null;
  /** Saved connections, the sandbox first. */
  connections: SavedConnection[];
  tokenStorage: string;
  /** Opted in to changing subscriptions of other targets (off by default; not remembered). */
  allowOthers: boolean;
  targets: Target[];
  targetLimit: number;
  subscriptions: Subscription[];
  /** Cells being changed: `${entity}|${op}` lower-cased. */
  pending: Set<string>;
  loadError: string | null;
  refresh(): Promise<void>;
  toggle(entity: string, op: string): Promise<void>;
}

export const cellKey = (entity: string, op: string) => `${entity}|${op}`.toLowerCase();

/**
 * Bumped by every refresh and every change made here. A refresh applies its answer only if
 * nothing started after it: answers can arrive out of order, and an older one finishing
 * last put stale subscriptions back (an e2e run under load lost a recipient just added);
 * one started before a subscribe must not undo it either.
 */
let generation = 0;
/** Refreshes in flight. */
let refreshing = 0;

export const useSubscriptions = create<SubscriptionsStore>((set, get) => {
  /** Loads everything; applies what it gets only if no refresh or change started since. */
  const load = async (mine: number): Promise<void> => {
    const [connection, saved] = await Promise.all([api.connectionStatus(), api.listConnections()]);
    if (mine !== generation) return;
    set({ connection, connections: saved.items, tokenStorage: saved.tokenStorage });
    if (!connection.connected) return set({ targets: [], subscriptions: [], loadError: null });
    try {
      const [targets, subscriptions] = await Promise.all([api.listTargets(), api.listSubscriptions()]);
      if (mine !== generation) return;
      set({ targets: targets.items, targetLimit: targets.limit, subscriptions: subscriptions.items, loadError: null });
    } catch (error) {
      if (mine === generation) set({ loadError: errorText(error) });
    }
  };

  return {
    connection: null,
    connections: [],
    tokenStorage: '',
    allowOthers: false,
    targets: [],
    targetLimit: 10,
    subscriptions: [],
    pending: new Set(),
    loadError: null,
    async refresh() {
      refreshing++;
      try {
        await load(++generation);
      } finally {
        refreshing--;
      }
    },
    /** One click: optimistic, rolled back with the server's message when it refuses. */
    async toggle(entity, op) {
      const key = cellKey(entity, op);
      // A refresh in flight would undo this change; it is made again once the change is done.
      const superseded = refreshing > 0;
      generation++;
      const existing = get().subscriptions.find((s) => s.own && cellKey(s.entity, s.op) === key);
      set((s) => ({ pending: new Set(s.pending).add(key) }));
      const before = get().subscriptions;
      try {
        if (existing) {
          set({ subscriptions: before.filter((s) => s !== existing) });
          await api.unsubscribe({ subscriptionId: existing.subscriptionId });
        } else {
          const placeholder: Subscription = { subscriptionId: `pending-${key}`, entity, op, targetId: '', filter: [], recipients: [], own: true };
          set({ subscriptions: [...before, placeholder] });
          const created = await api.subscribe({ entity, op });
          set((s) => ({ subscriptions: s.subscriptions.map((x) => (x === placeholder ? created : x)) }));
        }
      } catch (error) {
        set({ subscriptions: before });
        reportError(error, `${entity} × ${op}`);
      } finally {
        set((s) => {
          const pending = new Set(s.pending);
          pending.delete(key);
          return { pending };
        });
        if (superseded) void get().refresh();
      }
    },
  };
});

export function startConnectionUpdates(): () => void {
  void useSubscriptions.getState().refresh();
  const off = onEvent('connection.changed', (connection) => {
    useSubscriptions.setState({ connection });
    void useSubscriptions.getState().refresh();
  });
  return () => void off();
}

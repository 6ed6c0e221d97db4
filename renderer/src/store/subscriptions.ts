import { createStore } from 'zustand';
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { CallInput, CallOutput, ConnectionStatus, SavedConnection, Subscription, Target } from '@shared/contract';
import type { connectionCalls } from '@shared/contract/connection';
import type { subscriptionCalls } from '@shared/contract/subscriptions';
import type { sandboxCalls } from '@shared/contract/sandbox';
import { errorText, reportError } from '../errors';
import type { DataBridge } from './bridge';
import { bound, dataLayer } from './current';
import { liveQuery, reread } from './query';

export const cellKey = (entity: string, op: string) => `${entity}|${op}`.toLowerCase();

export interface ConnectionData {
  connection: ConnectionStatus;
  /** Saved connections, the sandbox first. */
  connections: SavedConnection[];
  tokenStorage: string;
}

export interface ListsData {
  targets: Target[];
  targetLimit: number;
  subscriptions: Subscription[];
}

/** The calls of the connection, subscriptions and sandbox sections that change something the views show. */
export type ChangeCall = keyof typeof connectionCalls | keyof typeof subscriptionCalls | keyof typeof sandboxCalls;

export interface SubscriptionsState {
  /** Opted in to changing subscriptions of other targets (off by default; not remembered). */
  allowOthers: boolean;
  /** One-click cells being changed: `${entity}|${op}` lower-cased. */
  pending: Set<string>;
  /** Re-reads the connection and, when connected, targets and subscriptions. */
  refresh(): Promise<void>;
  /** One click on the grid: optimistic, rolled back with the server's message when it refuses. */
  toggle(entity: string, op: string): Promise<void>;
  /** Any other change (connect, rename a target, add a recipient, …), then a re-read of what it touched. */
  change<K extends ChangeCall>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  start(): () => void;
}

const LISTS = ['subscriptions'] as const;
const CONNECTION = ['connection'] as const;
const NO_LISTS: ListsData = { targets: [], targetLimit: 10, subscriptions: [] };

/**
 * The Maximizer connection, its targets and subscriptions as queries; the grid's one-click
 * changes are optimistic updates of the cached lists. Races this settles (e2e runs under load hit
 * them): an older re-read answering after a newer one (Query keeps the newest), and a re-read
 * started before a subscribe answering after it (the subscribe cancels it, and re-reads run only
 * when no click is pending).
 */
export function createSubscriptionsStore(bridge: DataBridge, client: QueryClient) {
  const { api } = bridge;
  const connection = liveQuery<ConnectionData>(client, CONNECTION, async () => {
    const [status, saved] = await Promise.all([api.connectionStatus(), api.listConnections()]);
    return {
      connection: status,
      connections: saved.items,
      tokenStorage: saved.tokenStorage,
    };
  });
  const lists = queryOptions({
    queryKey: LISTS,
    queryFn: async (): Promise<ListsData> => {
      const [targets, subscriptions] = await Promise.all([api.listTargets(), api.listSubscriptions()]);
      return {
        targets: targets.items,
        targetLimit: targets.limit,
        subscriptions: subscriptions.items,
      };
    },
  });
  /** A re-read asked for while clicks are pending: done once the last one settles. */
  let refreshAfterClicks = false;
  const patchLists = (update: (subscriptions: Subscription[]) => Subscription[]) =>
    client.setQueryData<ListsData>(LISTS, (data) => data && { ...data, subscriptions: update(data.subscriptions) });

  const store = createStore<SubscriptionsState>()((set, get) => ({
    allowOthers: false,
    pending: new Set(),
    async refresh() {
      const reads = [reread(client, CONNECTION)];
      if (get().pending.size) refreshAfterClicks = true;
      else reads.push(reread(client, LISTS));
      await Promise.all(reads);
    },
    async toggle(entity, op) {
      const key = cellKey(entity, op);
      set((s) => ({ pending: new Set(s.pending).add(key) }));
      // A re-read in flight was asked before this change: its answer would undo it. It is made again once the clicks settle.
      if (client.isFetching({ queryKey: LISTS })) refreshAfterClicks = true;
      await client.cancelQueries({ queryKey: LISTS });
      const existing = client.getQueryData<ListsData>(LISTS)?.subscriptions.find((s) => s.own && cellKey(s.entity, s.op) === key);
      try {
        if (existing) {
          patchLists((list) => list.filter((s) => s.subscriptionId !== existing.subscriptionId));
          await api.unsubscribe({ subscriptionId: existing.subscriptionId });
        } else {
          const placeholder: Subscription = {
            subscriptionId: `pending-${key}`,
            entity,
            op,
            targetId: '',
            filter: [],
            recipients: [],
            own: true,
          };
          patchLists((list) => [...list, placeholder]);
          const created = await api.subscribe({ entity, op });
          patchLists((list) => list.map((s) => (s.subscriptionId === placeholder.subscriptionId ? created : s)));
        }
      } catch (error) {
        patchLists((list) => (existing ? [...list, existing] : list.filter((s) => s.subscriptionId !== `pending-${key}`)));
        reportError(error, `${entity} × ${op}`);
      } finally {
        const pending = new Set(get().pending);
        pending.delete(key);
        set({ pending });
        if (!pending.size && refreshAfterClicks) {
          refreshAfterClicks = false;
          void client.invalidateQueries({ queryKey: LISTS });
        }
      }
    },
    async change(name, input) {
      try {
        return await (api[name] as (input: CallInput<typeof name>) => Promise<CallOutput<typeof name>>)(input);
      } finally {
        await get()
          .refresh()
          .catch(() => undefined);
      }
    },
    start() {
      const off = bridge.on('connection.changed', (status) => {
        connection.push((data) => ({ ...data, connection: status }));
        void get().refresh();
      });
      return () => void off();
    },
  }));
  return Object.assign(store, { queries: { connection, lists } });
}

export type SubscriptionsStore = ReturnType<typeof createSubscriptionsStore>;

export const useSubscriptions = bound((layer) => layer.subscriptions);

const queries = () => dataLayer().subscriptions.queries;

/** The active connection and the saved ones (null until first read). */
export function useConnection(): ConnectionData | null {
  return (
    useQuery({
      queryKey: queries().connection.queryKey,
      queryFn: queries().connection.queryFn,
    }).data ?? null
  );
}

/** Targets and subscriptions of the connected CRM (empty when not connected), with the read's error. */
export function useLists(): ListsData & { loadError: string | null } {
  const connected = useConnection()?.connection.connected ?? false;
  const { data, error } = useQuery({ ...queries().lists, enabled: connected });
  return {
    ...(connected && data ? data : NO_LISTS),
    loadError: connected && error ? errorText(error) : null,
  };
}

/** How many stored events a filter would have matched; re-asked when its inputs or the newest event change. */
export function useFilterPreview(input: CallInput<'previewFilter'>, newest: number | undefined, enabled: boolean) {
  const { api } = dataLayer().bridge;
  return useQuery({
    queryKey: ['filterPreview', input, newest],
    queryFn: () => api.previewFilter(input),
    enabled,
    placeholderData: keepPreviousData,
  });
}

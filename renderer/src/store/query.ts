import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { onceAfter } from './burst';

/**
 * The renderer's request cache. Answers stay fresh until an engine event says otherwise (events
 * invalidate or patch them), so nothing refetches on a timer or on window focus; a failed read is
 * shown at once (the engine is local: retrying hides the error without helping).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * A cached answer that engine events also change (a delivery's new status, the rules list).
 * Query already drops an older request's answer when a newer one for the same key is made; this
 * covers the other race: an event pushed while a read is in flight. The read's answer may predate
 * the push, so every push made meanwhile is applied again on top of it. Pushes must therefore be
 * idempotent (an upsert, a replacement), which engine events are.
 */
export interface LiveQuery<T> {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  /** Applies an engine event to the cached answer (if any) and to every answer still in flight. */
  push(update: (current: T) => T): void;
}

export function liveQuery<T>(client: QueryClient, queryKey: QueryKey, read: () => Promise<T>): LiveQuery<T> {
  const inFlight = new Set<((current: T) => T)[]>();
  return {
    queryKey,
    async queryFn() {
      const pushed: ((current: T) => T)[] = [];
      inFlight.add(pushed);
      try {
        let answer: T = await read();
        for (const update of pushed) answer = update(answer);
        return answer;
      } finally {
        inFlight.delete(pushed);
      }
    },
    push(update) {
      inFlight.forEach((pushed) => pushed.push(update));
      if (client.getQueryData(queryKey) !== undefined) client.setQueryData<T>(queryKey, (current) => (current === undefined ? current : update(current)));
    },
  };
}

/**
 * Invalidates `queryKey` at most once per `delay` ms: a burst of webhooks re-reads a view once,
 * instead of every arrival cancelling the re-read still in flight and starting another.
 * Only queries a mounted view observes are re-read.
 */
export function invalidateSoon(client: QueryClient, queryKey: QueryKey, delay: number) {
  return onceAfter(() => void client.invalidateQueries({ queryKey }), delay);
}

/**
 * Reads `queryKey` again because the engine said it changed. Invalidation alone would join a
 * first read still in flight (Query cancels an in-flight read only when there is data to fall
 * back to), and that read may predate the change: it is cancelled first.
 */
export async function reread(client: QueryClient, queryKey: QueryKey): Promise<void> {
  await client.cancelQueries({ queryKey });
  await client.invalidateQueries({ queryKey });
}

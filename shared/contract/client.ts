import type { Api, CallName, EngineEvent, EventName, EventPayload } from './index';

/** How a transport carries one call; the bridge is the same for every call. */
export type Invoke = (name: CallName, input: unknown) => Promise<unknown>;
export type Subscribe = (listener: (event: EngineEvent) => void) => () => void;

export interface Bridge {
  api: Api;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Builds the typed API object from a transport's invoke and event stream. */
export function createBridge(invoke: Invoke, subscribe: Subscribe): Bridge {
  const api = new Proxy({} as Api, {
    get: (_target, name) => (input?: unknown) => invoke(name as CallName, input ?? {}),
  });
  return {
    api,
    on(name, listener) {
      return subscribe((event) => {
        if (event.name === name) listener(event.payload as never);
      });
    },
  };
}

import { createBridge } from '@shared/contract/client';
import type { CallName, CallOutput, EngineEvent, EventName, EventPayload, EventSummary } from '@shared/contract';
import type { DataBridge, PageEnv } from '../../../../renderer/src/store/bridge';

/** One call the store made, held until the test answers it: so the test decides the order answers arrive in. */
export interface HeldCall {
  name: CallName;
  input: unknown;
  answered: boolean;
  answer(value: unknown): Promise<void>;
  fail(error: Error): Promise<void>;
}

/** Lets every promise reaction queued so far run (answers are awaited through a few hops). */
export const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
};

/**
 * The engine as the stores see it, with nothing behind it: calls wait until the test answers
 * them (or answer at once from `auto`), and events are emitted by the test.
 */
export function fakeBridge(auto: Partial<{ [K in CallName]: (input: unknown) => CallOutput<K> }> = {}) {
  const calls: HeldCall[] = [];
  const listeners = new Set<(event: EngineEvent) => void>();
  const bridge = createBridge(
    (name, input) => {
      const respond = auto[name] as ((input: unknown) => unknown) | undefined;
      if (respond) return Promise.resolve(respond(input));
      return new Promise((resolve, reject) => {
        const call: HeldCall = {
          name,
          input,
          answered: false,
          async answer(value) {
            call.answered = true;
            resolve(value);
            await settle();
          },
          async fail(error) {
            call.answered = true;
            reject(error);
            await settle();
          },
        };
        calls.push(call);
      });
    },
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
  const data: DataBridge = {
    ...bridge,
    streamConnected: () => true,
    onStreamConnection: () => () => undefined,
  };
  return {
    bridge: data,
    calls,
    /** The calls of one name not answered yet, oldest first. */
    waiting: (name: CallName) => calls.filter((c) => c.name === name && !c.answered),
    async emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      listeners.forEach((l) => l({ name, payload } as EngineEvent));
      await settle();
    },
  };
}

/** A page with nobody at the keyboard but watching, and a query string kept in memory. */
export function fakeEnv(search = ''): PageEnv & { search(): string } {
  let current = search;
  return {
    watched: () => true,
    readSearch: () => current,
    writeSearch(update) {
      current = update(current);
    },
    onWatch: () => () => undefined,
    search: () => current,
  };
}

/** A list row as the engine sends it. */
export const summary = (id: number, entity = 'Lead'): EventSummary => ({
  id,
  webhookId: `w${id}`,
  entity,
  op: 'create',
  version: '1.0',
  attempts: 1,
  receivedAt: id,
  lastReceivedAt: id,
  size: 1,
  summary: '',
  recordKey: null,
  origin: 'received',
});

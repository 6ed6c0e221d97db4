import { createStore } from 'zustand';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { NORMAL_RESPONSE } from '@shared/contract/receiver-response';
import type { CallInput, ForwardDelivery, ForwardingSettings, ForwardRule, ReceiverResponse } from '@shared/contract';
import { errorText } from '../errors';
import type { DataBridge } from './bridge';
import { bound, dataLayer } from './current';
import { liveQuery, type LiveQuery } from './query';

/** Deliveries kept in the view's log (newest first); older ones stay in the engine's log. */
export const LOG_SIZE = 200;

/** A delivery's newest state replaces its older one; a new one goes in by id (newest first). */
export function upsertDelivery(list: ForwardDelivery[], delivery: ForwardDelivery, limit = LOG_SIZE): ForwardDelivery[] {
  const rest = list.filter((d) => d.id !== delivery.id);
  return [delivery, ...rest].sort((a, b) => b.id - a.id).slice(0, limit);
}

export interface ForwardingState {
  loaded: boolean;
  rules: ForwardRule[];
  settings: ForwardingSettings | null;
  response: ReceiverResponse;
  error: string | null;
  /** The forwarding log: a query (read when a view shows it) that pushed deliveries keep current. */
  log: LiveQuery<ForwardDelivery[]>;
  /** One event's forwards and replays, for its detail. */
  forwardsOf(eventId: number): LiveQuery<ForwardDelivery[]>;
  load(): Promise<void>;
  addRule(rule: CallInput<'addForwardRule'>): Promise<void>;
  setRuleEnabled(rule: ForwardRule, enabled: boolean): Promise<void>;
  removeRule(rule: ForwardRule): Promise<void>;
  setRetryDelay(retryDelayMs: number): Promise<void>;
  setResponse(change: CallInput<'setReceiverResponse'>): Promise<void>;
  replayEvent(input: CallInput<'replayEvent'>): ReturnType<DataBridge['api']['replayEvent']>;
  replayEvents(input: CallInput<'replayEvents'>): ReturnType<DataBridge['api']['replayEvents']>;
  sendTestEvent(input: CallInput<'sendTestEvent'>): ReturnType<DataBridge['api']['sendTestEvent']>;
  start(): () => void;
}

/**
 * Forwarding rules, the simulated receiver answer (both pushed whole by the engine), and the
 * delivery logs. A push that lands while the first read is in flight wins over that read's
 * (possibly older) answer.
 */
export function createForwardingStore(bridge: DataBridge, client: QueryClient) {
  const { api } = bridge;
  const log = liveQuery(client, ['forwarding', 'log'], async () => (await api.listForwardAttempts({ limit: LOG_SIZE })).items);
  const perEvent = new Map<number, LiveQuery<ForwardDelivery[]>>();
  const forwardsOf = (eventId: number) => {
    let query = perEvent.get(eventId);
    if (!query) {
      query = liveQuery(client, ['forwarding', 'event', eventId], async () => (await api.listForwardAttempts({ eventId, limit: 50 })).items);
      perEvent.set(eventId, query);
    }
    return query;
  };
  /** Pushes counted per field: a read applies a field only if no push for it arrived meanwhile. */
  const pushes = { rules: 0, response: 0 };

  return createStore<ForwardingState>()((set, get) => ({
    loaded: false,
    rules: [],
    settings: null,
    response: NORMAL_RESPONSE,
    error: null,
    log,
    forwardsOf,
    async load() {
      const before = { ...pushes };
      try {
        const [rules, response] = await Promise.all([api.listForwardRules(), api.getReceiverResponse()]);
        set({
          loaded: true,
          settings: rules.settings,
          error: null,
          ...(before.rules === pushes.rules && { rules: rules.items }),
          ...(before.response === pushes.response && { response }),
        });
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
    async addRule(rule) {
      await api.addForwardRule(rule);
    },
    async setRuleEnabled(rule, enabled) {
      await api.updateForwardRule({ id: rule.id, enabled });
    },
    async removeRule(rule) {
      await api.removeForwardRule({ id: rule.id });
    },
    async setRetryDelay(retryDelayMs) {
      set({ settings: await api.setForwardingSettings({ retryDelayMs }) });
    },
    async setResponse(change) {
      const response = await api.setReceiverResponse(change);
      pushes.response++;
      set({ response });
    },
    replayEvent: (input) => api.replayEvent(input),
    replayEvents: (input) => api.replayEvents(input),
    sendTestEvent: (input) => api.sendTestEvent(input),
    start() {
      void get().load();
      const offs = [
        bridge.on('forwarding.rules', ({ items }) => {
          pushes.rules++;
          set({ rules: items });
        }),
        bridge.on('receiver.response', (response) => {
          pushes.response++;
          set({ response });
        }),
        bridge.on('forwarding.delivery', (delivery) => {
          log.push((list) => upsertDelivery(list, delivery));
          for (const id of delivery.eventIds) perEvent.get(id)?.push((list) => upsertDelivery(list, delivery, Infinity));
        }),
        bridge.on('events.cleared', () => {
          log.push(() => []);
          perEvent.forEach((query) => query.push(() => []));
        }),
      ];
      return () => offs.forEach((off) => void off());
    },
  }));
}

export const useForwarding = bound((layer) => layer.forwarding);

/** True when the receiver answers anything but an immediate 200: worth a warning wherever it shows. */
export { isSimulating as simulating } from '@shared/contract/receiver-response';

/** The forwarding log, read when first shown and kept current by pushed deliveries. */
export const useForwardingLog = () => {
  const { log } = dataLayer().forwarding.getState();
  return useQuery({ queryKey: log.queryKey, queryFn: log.queryFn });
};

/** One event's forwards and replays. */
export const useEventForwards = (eventId: number) => {
  const query = dataLayer().forwarding.getState().forwardsOf(eventId);
  return useQuery({ queryKey: query.queryKey, queryFn: query.queryFn });
};

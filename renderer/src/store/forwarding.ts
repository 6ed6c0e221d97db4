import { create } from 'zustand';
import type { ForwardDelivery, ForwardingSettings, ForwardRule, Job, ReceiverResponse } from '@shared/contract';
import { NORMAL_RESPONSE } from '@shared/contract/receiver-response';
import { api, onEvent } from '../api';
import { errorText } from '../errors';

/** Deliveries kept in the view's log (newest first); older ones stay in the engine's log. */
const LOG_SIZE = 200;

interface ForwardingState {
  loaded: boolean;
  rules: ForwardRule[];
  settings: ForwardingSettings | null;
  deliveries: ForwardDelivery[];
  response: ReceiverResponse;
  jobs: Record<string, Job>;
  error: string | null;
  load(): Promise<void>;
  applyDelivery(delivery: ForwardDelivery): void;
}

export const useForwarding = create<ForwardingState>((set, get) => ({
  loaded: false,
  rules: [],
  settings: null,
  deliveries: [],
  response: NORMAL_RESPONSE,
  jobs: {},
  error: null,
  async load() {
    try {
      const [rules, log, response] = await Promise.all([api.listForwardRules(), api.listForwardAttempts({ limit: LOG_SIZE }), api.getReceiverResponse()]);
      set({ loaded: true, rules: rules.items, settings: rules.settings, deliveries: log.items, response, error: null });
    } catch (error) {
      set({ error: errorText(error) });
    }
  },
  applyDelivery(delivery) {
    const list = get().deliveries;
    const index = list.findIndex((d) => d.id === delivery.id);
    if (index >= 0) set({ deliveries: list.map((d, i) => (i === index ? delivery : d)) });
    else set({ deliveries: [delivery, ...list].sort((a, b) => b.id - a.id).slice(0, LOG_SIZE) });
  },
}));

let users = 0;
let stop: (() => void) | undefined;

/** Live forwarding state for as long as any component needs it (the view, the status bar item). */
export function startForwardingUpdates(): () => void {
  if (users++ === 0) {
    void useForwarding.getState().load();
    const offs = [
      onEvent('forwarding.rules', ({ items }) => useForwarding.setState({ rules: items })),
      onEvent('forwarding.delivery', (delivery) => useForwarding.getState().applyDelivery(delivery)),
      onEvent('receiver.response', (response) => useForwarding.setState({ response })),
      onEvent('jobs.progress', (job) => useForwarding.setState((s) => ({ jobs: { ...s.jobs, [job.id]: job } }))),
      onEvent('events.cleared', () => useForwarding.setState({ deliveries: [] })),
    ];
    stop = () => offs.forEach((off) => void off());
  }
  return () => {
    if (--users === 0) stop?.();
  };
}

/** True when the receiver answers anything but an immediate 200: worth a warning wherever it shows. */
export { isSimulating as simulating } from '@shared/contract/receiver-response';

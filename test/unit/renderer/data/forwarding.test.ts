import { describe, expect, it } from 'vitest';
import { QueryObserver } from '@tanstack/react-query';
import type { ForwardDelivery, ForwardRule, ReceiverResponse } from '@shared/contract';
import { createForwardingStore } from '../../../../renderer/src/store/forwarding';
import { createQueryClient } from '../../../../renderer/src/store/query';
import { fakeBridge, settle } from './fake-bridge';

const delivery = (id: number, verdict: string, eventIds = [1]) => ({ id, eventIds, verdict }) as unknown as ForwardDelivery;
const rule = (id: number, url: string) => ({ id, url, enabled: true }) as unknown as ForwardRule;
const response = (status: number) =>
  ({
    status,
    delayMs: 0,
    failNext: 0,
    failStatus: 500,
    body: '',
    headers: [],
  }) as ReceiverResponse;

function setup() {
  const fake = fakeBridge();
  const client = createQueryClient();
  const store = createForwardingStore(fake.bridge, client);
  const stop = store.getState().start();
  const observe = (query: { queryKey: readonly unknown[]; queryFn: () => Promise<ForwardDelivery[]> }) => {
    const observer = new QueryObserver(client, {
      queryKey: query.queryKey,
      queryFn: query.queryFn,
    });
    observer.subscribe(() => undefined);
    return () => observer.getCurrentResult().data;
  };
  return { ...fake, client, store, stop, observe };
}
const verdicts = (list: ForwardDelivery[] | undefined) => list?.map((d) => `${d.id}:${(d as unknown as { verdict: string }).verdict}`);

describe('forwarding log: deliveries pushed while it loads', () => {
  it('a delivery pushed during the first read is not lost when the (older) answer lands', async () => {
    const { store, waiting, emit, observe } = setup();
    const log = observe(store.getState().log);
    await settle();
    const [read] = waiting('listForwardAttempts');
    await emit('forwarding.delivery', delivery(5, 'ok'));
    await read!.answer({ items: [delivery(4, 'ok')] });
    expect(verdicts(log())).toEqual(['5:ok', '4:ok']);
  });

  it('a delivery’s newer state pushed during the read wins over the copy in the answer', async () => {
    const { store, waiting, emit, observe } = setup();
    const log = observe(store.getState().log);
    await settle();
    const [read] = waiting('listForwardAttempts');
    await emit('forwarding.delivery', delivery(5, 'drop'));
    await read!.answer({ items: [delivery(5, 'retry')] });
    expect(verdicts(log())).toEqual(['5:drop']);
  });

  it('after the read, pushes update the log in place; a cleared store empties it', async () => {
    const { store, waiting, emit, observe } = setup();
    const log = observe(store.getState().log);
    await settle();
    await waiting('listForwardAttempts')[0]!.answer({
      items: [delivery(5, 'retry'), delivery(4, 'ok')],
    });
    await emit('forwarding.delivery', delivery(5, 'ok'));
    expect(verdicts(log())).toEqual(['5:ok', '4:ok']);
    await emit('events.cleared', {});
    expect(log()).toEqual([]);
  });

  it('an event’s own forwards take only deliveries of that event', async () => {
    const { store, waiting, emit, observe } = setup();
    const forwards = observe(store.getState().forwardsOf(7));
    await settle();
    await waiting('listForwardAttempts')
      .find((c) => (c.input as { eventId?: number }).eventId === 7)!
      .answer({ items: [] });
    await emit('forwarding.delivery', delivery(9, 'ok', [8]));
    await emit('forwarding.delivery', delivery(10, 'ok', [7]));
    expect(verdicts(forwards())).toEqual(['10:ok']);
  });
});

describe('forwarding rules and receiver answer: pushes during the first read', () => {
  it('rules and a simulated answer pushed while the first read is in flight are kept over its answer', async () => {
    const { store, waiting, emit } = setup();
    await emit('forwarding.rules', { items: [rule(2, 'http://new')] });
    await emit('receiver.response', response(503));
    await waiting('listForwardRules')[0]!.answer({
      items: [rule(1, 'http://old')],
      settings: { retryDelayMs: 1000 },
    });
    await waiting('getReceiverResponse')[0]!.answer(response(200));
    expect(store.getState().rules.map((r) => r.url)).toEqual(['http://new']);
    expect(store.getState().response.status).toBe(503);
    expect(store.getState().settings).toEqual({ retryDelayMs: 1000 });
    expect(store.getState().loaded).toBe(true);
  });

  it('without pushes the read’s answer is what shows', async () => {
    const { store, waiting } = setup();
    await waiting('listForwardRules')[0]!.answer({
      items: [rule(1, 'http://old')],
      settings: { retryDelayMs: 1000 },
    });
    await waiting('getReceiverResponse')[0]!.answer(response(500));
    expect(store.getState().rules.map((r) => r.url)).toEqual(['http://old']);
    expect(store.getState().response.status).toBe(500);
  });
});

import { describe, expect, it } from 'vitest';
import { QueryObserver } from '@tanstack/react-query';
import type { Subscription } from '@shared/contract';
import { createSubscriptionsStore, type ListsData } from '../../../../renderer/src/store/subscriptions';
import { createQueryClient } from '../../../../renderer/src/store/query';
import { fakeBridge, settle } from './fake-bridge';

const sub = (entity: string, op: string, recipients: string[] = []): Subscription => ({
  subscriptionId: `s-${entity}-${op}`,
  entity,
  op,
  targetId: 't1',
  filter: [],
  recipients,
  own: true,
});
const TARGETS = { items: [], limit: 10 };

/** The Subscriptions view as mounted: the lists are observed, so re-reads happen. */
async function setup() {
  const fake = fakeBridge({ listTargets: () => TARGETS });
  const client = createQueryClient();
  const store = createSubscriptionsStore(fake.bridge, client);
  const observer = new QueryObserver(client, store.queries.lists);
  const off = observer.subscribe(() => undefined);
  await settle();
  await fake.waiting('listSubscriptions')[0]!.answer({ items: [sub('Lead', 'create')] });
  const lists = () => observer.getCurrentResult().data as ListsData;
  return { ...fake, store, lists, off };
}
const cells = (data: ListsData) => data.subscriptions.map((s) => `${s.entity}×${s.op}`).sort();

describe('subscriptions: re-reads answering out of order', () => {
  it('an older re-read answering after a newer one does not put stale lists back', async () => {
    const { store, waiting, lists } = await setup();
    void store.getState().refresh();
    await settle();
    void store.getState().refresh();
    await settle();
    const [older, newer] = waiting('listSubscriptions');
    await newer!.answer({
      items: [sub('Lead', 'create'), sub('Contact', 'update')],
    });
    await older!.answer({ items: [sub('Lead', 'create')] });
    expect(cells(lists())).toEqual(['Contact×update', 'Lead×create']);
  });

  it('a recipient just added is not lost to a re-read that started before it (seen in an e2e run under load)', async () => {
    const { store, waiting, lists } = await setup();
    void store.getState().refresh();
    await settle();
    const [stale] = waiting('listSubscriptions');
    const adding = store.getState().change('addRecipient', {
      subscriptionId: 's-Lead-create',
      recipient: 'a@b.c',
    });
    await waiting('addRecipient')[0]!.answer(sub('Lead', 'create', ['a@b.c']));
    const [, fresh] = waiting('listSubscriptions');
    await fresh!.answer({ items: [sub('Lead', 'create', ['a@b.c'])] });
    await stale!.answer({ items: [sub('Lead', 'create')] });
    await adding;
    expect(lists().subscriptions[0]!.recipients).toEqual(['a@b.c']);
  });
});

describe('subscriptions: a one-click subscribe during a re-read', () => {
  it('shows at once, survives the re-read that was in flight, and is confirmed by a read after it', async () => {
    const { store, waiting, lists } = await setup();
    void store.getState().refresh();
    await settle();
    const [stale] = waiting('listSubscriptions');
    const clicking = store.getState().toggle('Contact', 'create');
    await settle();
    expect(cells(lists())).toContain('Contact×create');
    expect(store.getState().pending.has('contact|create')).toBe(true);
    await waiting('subscribe')[0]!.answer(sub('Contact', 'create'));
    await stale!.answer({ items: [sub('Lead', 'create')] });
    await clicking;
    expect(cells(lists())).toEqual(['Contact×create', 'Lead×create']);
    expect(store.getState().pending.size).toBe(0);
    // The re-read that was cancelled is made again once no click is pending.
    const [after] = waiting('listSubscriptions');
    expect(after).toBeDefined();
    await after!.answer({
      items: [sub('Lead', 'create'), sub('Contact', 'create')],
    });
    expect(cells(lists())).toEqual(['Contact×create', 'Lead×create']);
  });

  it('a re-read asked while a click is pending waits for it, so it cannot drop the new cell', async () => {
    const { store, waiting, lists } = await setup();
    const clicking = store.getState().toggle('Contact', 'create');
    await settle();
    void store.getState().refresh();
    await settle();
    expect(waiting('listSubscriptions')).toHaveLength(0);
    await waiting('subscribe')[0]!.answer(sub('Contact', 'create'));
    await clicking;
    expect(waiting('listSubscriptions')).toHaveLength(1);
    expect(cells(lists())).toEqual(['Contact×create', 'Lead×create']);
  });

  it('a refused subscribe takes only its own cell back, not a click made meanwhile', async () => {
    const { store, waiting, lists } = await setup();
    const first = store.getState().toggle('Contact', 'create');
    const second = store.getState().toggle('Lead', 'create');
    await settle();
    expect(cells(lists())).toEqual(['Contact×create']);
    await waiting('subscribe')[0]!.fail(new Error('target full'));
    await waiting('unsubscribe')[0]!.answer({});
    await Promise.all([first, second]);
    expect(cells(lists())).toEqual([]);
  });
});

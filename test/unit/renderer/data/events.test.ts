import { describe, expect, it } from 'vitest';
import { QueryObserver } from '@tanstack/react-query';
import type { EventDetail, EventSummary } from '@shared/contract';
import { createEventsStore, eventDetailQuery } from '../../../../renderer/src/store/events';
import { createQueryClient } from '../../../../renderer/src/store/query';
import { fakeBridge, fakeEnv, settle, summary } from './fake-bridge';

const detail = (id: number, attempts = 1) => ({ ...summary(id), attempts }) as unknown as EventDetail;
const ids = (items: EventSummary[]) => items.map((e) => e.id);

function setup() {
  const fake = fakeBridge({
    listRejections: () => ({ items: [], totals: [] }),
  });
  const client = createQueryClient();
  const env = fakeEnv();
  const store = createEventsStore({ bridge: fake.bridge, env, client });
  const stop = store.getState().start();
  return { ...fake, client, env, store, stop };
}

describe('events list: answers arriving out of order', () => {
  it('an older filter’s page arriving after the newer one does not replace it', async () => {
    const { store, waiting } = setup();
    store.getState().setFilters({ entity: 'Lead' });
    store.getState().setFilters({ entity: 'Contact' });
    const [leads, contacts] = waiting('listEvents');
    expect((contacts!.input as { entity: string }).entity).toBe('Contact');
    await contacts!.answer({ items: [summary(7, 'Contact')] });
    await leads!.answer({ items: [summary(9, 'Lead'), summary(8, 'Lead')] });
    expect(ids(store.getState().items)).toEqual([7]);
    expect(store.getState().loading).toBe(false);
  });

  it('a next page asked before the filters changed is not appended to the new list', async () => {
    const { store, waiting } = setup();
    store.getState().init();
    await waiting('listEvents')[0]!.answer({
      items: [summary(5), summary(4)],
      nextCursor: 'c4',
    });
    void store.getState().loadMore();
    const [older] = waiting('listEvents');
    store.getState().setFilters({ entity: 'Contact' });
    const [, fresh] = waiting('listEvents');
    await fresh!.answer({ items: [summary(6, 'Contact')] });
    await older!.answer({ items: [summary(3), summary(2)] });
    expect(ids(store.getState().items)).toEqual([6]);
  });
});

describe('events list: pushes during a load', () => {
  it('events received while the first page is in flight are put on top of it, once', async () => {
    const { store, waiting, emit } = setup();
    store.getState().init();
    await emit('events.received', { items: [summary(11)] });
    expect(store.getState().items).toEqual([]);
    // The page was read before event 11 was stored, or after (then it holds it too).
    await waiting('listEvents')[0]!.answer({
      items: [summary(11), summary(10)],
    });
    expect(ids(store.getState().items)).toEqual([11, 10]);
  });

  it('an arrival that the filters exclude does not sneak in with the page', async () => {
    const { store, waiting, emit } = setup();
    store.getState().setFilters({ entity: 'Lead' });
    await emit('events.received', {
      items: [summary(12, 'Contact'), summary(13, 'Lead')],
    });
    await waiting('listEvents')[0]!.answer({ items: [summary(10, 'Lead')] });
    expect(ids(store.getState().items)).toEqual([13, 10]);
  });

  it('a deletion during a load removes the row, the cursor moves on, and the open event closes', async () => {
    const { store, waiting, emit } = setup();
    store.getState().init();
    await waiting('listEvents')[0]!.answer({
      items: [summary(3), summary(2), summary(1)],
    });
    store.getState().open(2);
    await emit('events.deleted', { ids: [2] });
    expect(ids(store.getState().items)).toEqual([3, 1]);
    expect(store.getState().cursor).toBe(1);
    expect(store.getState().openId).toBeNull();
  });
});

describe('event detail: the open event only', () => {
  it('a slow answer for an event opened earlier never shows for the one open now', async () => {
    const { store, waiting, bridge, client } = setup();
    store.getState().open(1);
    const observer = new QueryObserver(client, eventDetailQuery(bridge.api, 1));
    const off = observer.subscribe(() => undefined);
    store.getState().open(2);
    observer.setOptions(eventDetailQuery(bridge.api, store.getState().openId!));
    await settle();
    const [first, second] = waiting('getEvent');
    await second!.answer(detail(2));
    await first!.answer(detail(1));
    expect(observer.getCurrentResult().data?.id).toBe(2);
    expect(store.getState().openId).toBe(2);
    off();
  });

  it('a new attempt re-reads the open event, and the read it superseded cannot put the old count back', async () => {
    const { store, waiting, bridge, client, emit } = setup();
    store.getState().open(4);
    const observer = new QueryObserver(client, eventDetailQuery(bridge.api, 4));
    const off = observer.subscribe(() => undefined);
    await settle();
    await emit('events.attempt', { id: 4, attempts: 2, lastReceivedAt: 2 });
    const [before, after] = waiting('getEvent');
    expect(after).toBeDefined();
    await after!.answer(detail(4, 2));
    await before!.answer(detail(4, 1));
    expect(observer.getCurrentResult().data?.attempts).toBe(2);
    off();
  });

  it('the URL keeps the open event and the tab, so a reload restores them', () => {
    const { store, env } = setup();
    store.getState().open(42);
    store.getState().setTab('request');
    expect(env.search()).toContain('event=42');
    expect(env.search()).toContain('tab=request');
  });
});

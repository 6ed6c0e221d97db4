import { afterEach, describe, expect, it } from 'vitest';
import { ShapeStore } from '../../helpers/shapes';

const open: ShapeStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

let n = 0;
/** A Lead create as Maximizer sends it; `extra` adds fields to New (a new field is drift). */
const lead = (extra: Record<string, unknown> = {}, id = `lead-${++n}`) => ({
  Id: id,
  Entity: 'Lead',
  Data: { Op: 'create', New: { Key: `k-${id}`, LastName: `Name ${id}`, ...extra }, Version: '0.8' },
});

function make(): ShapeStore {
  const s = new ShapeStore();
  open.push(s);
  return s;
}

const ids = (s: ShapeStore) => s.store.events.list({ limit: 1000 }).items.map((e) => e.id);
const driftOf = async (s: ShapeStore, eventId: number) => (await s.api.listDrift({ limit: 100 })).items.filter((d) => d.eventId === eventId);

/** A forward delivery of `requestId` carrying `eventIds`, with one answered attempt. */
function deliver(s: ShapeStore, requestId: number | null, eventIds: number[]): number {
  const id = s.store.deliveries.create({
    kind: 'forward',
    ruleId: null,
    url: 'http://127.0.0.1:9/hook',
    requestId,
    eventIds,
    webhookIds: [],
    createdAt: s.clock,
    maxAttempts: 1,
  });
  s.store.deliveries.putAttempt(id, {
    attempt: 1,
    startedAt: s.clock,
    latencyMs: 3,
    status: 200,
    outcome: 'ok',
    late: false,
    reason: null,
    responseHeaders: [],
    responseBody: Buffer.from('ok'),
    responseSize: 2,
    responseTruncated: false,
  });
  s.store.deliveries.finish(id, 'delivered', s.clock);
  return id;
}

describe('deleting the newest event', () => {
  it('leaves the next event with nothing of it: a new id, no drift flags, no attempts, no deliveries', async () => {
    const s = make();
    s.post(lead(), lead(), lead(), lead());
    // The newest event brings a new field (drift), was retried once, and was forwarded.
    const newest = lead({ Mobile: '604-555-0100' });
    s.post(newest);
    s.post(newest);
    const [newestId] = ids(s);
    expect(s.store.events.get(newestId!)).toMatchObject({ attempts: 2, driftItems: [{ kind: 'new_field', path: 'Mobile' }] });
    expect(s.store.events.list({ limit: 1 }).items[0]).toMatchObject({ id: newestId, drift: ['new_field'] });
    deliver(s, s.store.requests.firstRequestOf(newestId!)!, [newestId!]);

    expect(s.store.events.delete([newestId!])).toBe(1);
    s.post(lead());

    const [nextId] = ids(s);
    expect(nextId).toBeGreaterThan(newestId!);
    const next = s.store.events.get(nextId!)!;
    expect(next.attempts).toBe(1);
    expect(next.requests).toHaveLength(1);
    expect(next.driftItems).toEqual([]);
    expect(s.store.events.list({ limit: 1 }).items[0]).toMatchObject({ id: nextId });
    expect(s.store.events.list({ limit: 1 }).items[0]!.drift).toBeUndefined();
    expect(await driftOf(s, nextId!)).toEqual([]);
    expect(await driftOf(s, newestId!)).toEqual([]);
    expect(s.store.deliveries.list({ eventId: nextId!, limit: 10 }).items).toEqual([]);
    expect(s.store.deliveries.list({ limit: 10 }).items).toEqual([]);
    expect(s.store.events.list({ driftOnly: true, limit: 10 }).items).toEqual([]);
  });

  it('still does after a restart (the id counter is in the database, not in memory)', () => {
    const s = make();
    s.post(lead(), lead());
    const [newestId] = ids(s);
    s.store.events.delete([newestId!]);
    s.restart();
    s.post(lead());
    expect(ids(s)[0]).toBeGreaterThan(newestId!);
  });
});

describe('delete, retention and clear remove the same things', () => {
  /**
   * The same traffic in three stores: a multi-event body (one request, two events), a retried
   * event, a drift flag, forward deliveries of events and one test send that carried no event.
   */
  function traffic() {
    const s = make();
    s.post(lead(), lead());
    s.post([lead(), lead()]);
    const retried = lead({ Mobile: '1' });
    s.post(retried, retried);
    const events = ids(s);
    for (const id of events) deliver(s, s.store.requests.firstRequestOf(id)!, [id]);
    const testSend = deliver(s, null, []);
    return { s, events, testSend, requests: s.store.counts().requests };
  }

  /** Every event-keyed thing the store can show about `events`, after they are gone. */
  async function leftOf(s: ShapeStore, events: number[], requests: number) {
    return {
      counts: s.store.counts(),
      events: events.map((id) => s.store.events.get(id) ?? null),
      requests: Array.from({ length: requests }, (_, i) => s.store.requests.get(i + 1) ?? null),
      drift: (await s.api.listDrift({ limit: 100 })).items,
      deliveriesOfEvents: events.flatMap((id) => s.store.deliveries.list({ eventId: id, limit: 10 }).items),
      deliveries: s.store.deliveries.list({ limit: 100 }).items.map((d) => ({ id: d.id, eventIds: d.eventIds, attempts: d.attempts.length })),
      search: s.store.events.list({ text: 'Name', limit: 10 }).items,
    };
  }

  it('each way leaves no event, attempt, drift flag, delivery of an event or raw request behind, and the same rest', async () => {
    const byDelete = traffic();
    expect(byDelete.events).toHaveLength(5);
    expect((await byDelete.s.api.listDrift({ limit: 10 })).items).toHaveLength(1);
    expect(byDelete.s.store.events.delete(byDelete.events)).toBe(5);

    const byRetention = traffic();
    expect(byRetention.s.store.events.prune({ maxEvents: 0, now: byRetention.s.clock }, 2)).toBe(5);

    const byClear = traffic();
    expect(byClear.s.store.clear()).toBe(5);

    const left = await leftOf(byDelete.s, byDelete.events, byDelete.requests);
    expect(left).toMatchObject({
      counts: { events: 0, requests: 0, pending: 0 },
      events: byDelete.events.map(() => null),
      drift: [],
      deliveriesOfEvents: [],
      // The test send carried no event: it stays until the delivery log itself is cleared.
      deliveries: [{ id: byDelete.testSend, eventIds: [], attempts: 1 }],
      search: [],
    });
    expect(left.requests.every((r) => r === null)).toBe(true);
    expect(await leftOf(byRetention.s, byRetention.events, byRetention.requests)).toEqual(left);
    expect(await leftOf(byClear.s, byClear.events, byClear.requests)).toEqual(left);
  });

  it('a request or delivery that still carries a remaining event stays', async () => {
    const { s, events } = traffic();
    const [, , pairA, pairB] = [...events].reverse();
    // pairA and pairB came in one body, so one request and one delivery carry both.
    const shared = s.store.requests.firstRequestOf(pairA!)!;
    expect(s.store.requests.firstRequestOf(pairB!)).toBe(shared);
    const both = deliver(s, shared, [pairA!, pairB!]);

    s.store.events.delete([pairA!]);
    expect(s.store.requests.get(shared)).toBeDefined();
    expect(s.store.requests.eventIdsOf(shared)).toEqual([pairB]);
    expect(s.store.deliveries.get(both)?.eventIds).toEqual([pairB]);

    s.store.events.delete([pairB!]);
    expect(s.store.requests.get(shared)).toBeUndefined();
    expect(s.store.deliveries.get(both)).toBeUndefined();
    expect(s.store.counts()).toMatchObject({ events: 3, requests: 4 });
  });
});

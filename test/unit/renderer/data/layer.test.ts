import { describe, expect, it } from 'vitest';
import type { Status } from '@shared/contract';
import { createDataLayer } from '../../../../renderer/src/store/layer';
import { fakeBridge, fakeEnv, settle, summary } from './fake-bridge';

describe('the data layer on a fake bridge', () => {
  it('starts without a window: the first page alone, then (once painted) what the shell shows; restores the open event from the URL', async () => {
    const fake = fakeBridge();
    let paint = () => {};
    const layer = createDataLayer(fake.bridge, {
      env: fakeEnv('?event=7&entity=Lead'),
      restAfter: new Promise<void>((resolve) => (paint = resolve)),
    });
    const stop = layer.start();
    await settle();
    const rest = ['status', 'listRejections', 'entityVersions', 'tunnelStatus', 'listForwardRules', 'getReceiverResponse'] as const;
    // The list's request goes alone (with the open event's), so it does not queue behind the others.
    for (const name of rest) expect(fake.calls.map((c) => c.name)).not.toContain(name);
    expect(layer.events.getState().openId).toBe(7);
    const list = fake.waiting('listEvents')[0]!;
    expect(list.input).toMatchObject({ entity: 'Lead' });
    let painted = false;
    void layer.firstPage().then(() => (painted = true));
    await list.answer({ items: [summary(1)], nextCursor: null });
    await settle();
    expect(painted).toBe(true);
    // The rows are in but not yet painted: the other stores wait for that frame (the events
    // store's own rejections read does not).
    for (const name of rest.filter((n) => n !== 'listRejections')) expect(fake.calls.map((c) => c.name)).not.toContain(name);
    paint();
    await settle();
    const asked = new Set(fake.calls.map((c) => c.name));
    for (const name of rest) expect(asked).toContain(name);
    stop();
  });

  it('stopped before the first page arrives, starts nothing more', async () => {
    const fake = fakeBridge();
    const layer = createDataLayer(fake.bridge, { env: fakeEnv() });
    const stop = layer.start();
    stop();
    await fake.waiting('listEvents')[0]!.answer({ items: [], nextCursor: null });
    await settle();
    // The events store's own first reads finish; no other store starts.
    for (const name of ['status', 'entityVersions', 'tunnelStatus', 'listForwardRules', 'getReceiverResponse'] as const)
      expect(fake.calls.map((c) => c.name)).not.toContain(name);
  });

  it('a burst of arrivals asks for the status once, and a pushed status replaces it without a call', async () => {
    const fake = fakeBridge();
    const arrived: number[] = [];
    const layer = createDataLayer(fake.bridge, {
      env: fakeEnv(),
      onArrived: (items) => arrived.push(...items.map((e) => e.id)),
    });
    const stop = layer.start();
    await fake.waiting('listEvents')[0]!.answer({ items: [], nextCursor: null });
    await settle();
    const statusCalls = () => fake.calls.filter((c) => c.name === 'status').length;
    const before = statusCalls();
    for (let id = 1; id <= 5; id++) await fake.emit('events.received', { items: [summary(id)] });
    await new Promise((r) => setTimeout(r, 500));
    expect(statusCalls() - before).toBe(1);
    expect(arrived).toEqual([1, 2, 3, 4, 5]);
    await fake.emit('status.changed', {
      counts: { events: 9 },
    } as unknown as Status);
    expect(layer.status.getState().status).toMatchObject({
      counts: { events: 9 },
    });
    expect(statusCalls() - before).toBe(1);
    stop();
  });
});

import { describe, expect, it } from 'vitest';
import type { Status } from '@shared/contract';
import { createDataLayer } from '../../../../renderer/src/store/layer';
import { fakeBridge, fakeEnv, settle, summary } from './fake-bridge';

describe('the data layer on a fake bridge', () => {
  it('starts without a window: reads what the shell shows and restores the open event from the URL', async () => {
    const fake = fakeBridge();
    const layer = createDataLayer(fake.bridge, {
      env: fakeEnv('?event=7&entity=Lead'),
    });
    const stop = layer.start();
    await settle();
    const asked = new Set(fake.calls.map((c) => c.name));
    for (const name of ['status', 'listEvents', 'listRejections', 'entityVersions', 'tunnelStatus', 'listForwardRules', 'getReceiverResponse'] as const)
      expect(asked).toContain(name);
    expect(layer.events.getState().openId).toBe(7);
    expect(fake.waiting('listEvents')[0]!.input).toMatchObject({
      entity: 'Lead',
    });
    stop();
  });

  it('a burst of arrivals asks for the status once, and a pushed status replaces it without a call', async () => {
    const fake = fakeBridge();
    const arrived: number[] = [];
    const layer = createDataLayer(fake.bridge, {
      env: fakeEnv(),
      onArrived: (items) => arrived.push(...items.map((e) => e.id)),
    });
    const stop = layer.start();
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

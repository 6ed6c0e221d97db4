import { afterEach, expect, it } from 'vitest';
import { bucketFor, bucketize, deliveryTimes, isoMs, percentile } from '@shared/shapes/latency';
import { ShapeStore } from '../../helpers/shapes';
import { EventBus } from '../../../electron/engine/bus';
import { latencyService } from '../../../electron/engine/latency/service';
import type { ServiceContext } from '../../../electron/engine/service';
import type { TunnelStatus } from '@shared/contract';

const open: ShapeStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

it('reads Maximizer timestamps with seven fractional digits, and splits the delivery into its steps', () => {
  expect(isoMs('2023-09-08T21:25:29.2257517Z')).toBeCloseTo(Date.parse('2023-09-08T21:25:29.225Z') + 0.7517, 3);
  expect(isoMs('2023-09-08T21:25:29Z')).toBe(Date.parse('2023-09-08T21:25:29Z'));
  expect(isoMs('not a time')).toBeNull();
  const received = Date.parse('2023-09-08T21:25:31.0000000Z');
  expect(deliveryTimes({ timestamp: '2023-09-08T21:25:29.0000000Z', processedTimestamp: '2023-09-08T21:25:30.5Z', receivedAt: received })).toEqual({
    processing: 1500,
    delivery: 500,
    total: 2000,
  });
  expect(deliveryTimes({ timestamp: null, processedTimestamp: null, receivedAt: received })).toEqual({ processing: null, delivery: null, total: null });
});

it('buckets events per minute with percentiles; empty minutes are gaps, not zeros of latency', () => {
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  expect(bucketFor(3_600_000)).toBe(60_000);
  expect(bucketFor(7 * 86_400_000)).toBe(3_600_000);
  const t0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);
  const rows = [
    ...Array.from({ length: 20 }, (_, i) => ({ receivedAt: t0 + i * 1000, created: t0 + i * 1000 - (i === 19 ? 9000 : 1000), processed: t0 + i * 1000 - 200 })),
    { receivedAt: t0 + 150_000, created: t0 + 149_000, processed: null },
  ];
  const buckets = bucketize(rows, t0, t0 + 180_000, 60_000);
  expect(buckets.map((b) => b.count)).toEqual([20, 0, 1]);
  expect(buckets[0]).toMatchObject({ p50: 1000, p95: 1000, p99: 9000, deliveryP50: 200 });
  expect(buckets[1]).toMatchObject({ p50: null, p99: null });
  expect(buckets[2]).toMatchObject({ p50: 1000, deliveryP50: null });
});

it('deliveryStats reads stored webhooks per Entity and marks tunnel outages recorded from tunnel changes', async () => {
  const s = new ShapeStore();
  open.push(s);
  const now = Date.now();
  s.clock = now - 1000;
  const event = (entity: string, lagMs: number) => ({
    Id: `${entity}-${lagMs}`,
    Entity: entity,
    Timestamp: new Date(now - lagMs).toISOString(),
    ProcessedTimestamp: new Date(now - lagMs / 2).toISOString(),
    Data: { Op: 'update', New: { Key: 'x' }, Version: '1.0' },
  });
  s.post(event('Lead', 2000), event('Lead', 4000), event('Export', 60_000));
  const bus = new EventBus();
  let clock = now;
  const service = latencyService({ store: s.store, bus, now: () => clock } as unknown as ServiceContext);
  await service.start?.();
  const status = (state: TunnelStatus['state'], since: number): TunnelStatus => ({ state, enabled: true, host: 'h', subdomain: 's', since });
  bus.emit('tunnel.changed', status('reconnecting', now + 60_000));
  bus.emit('tunnel.changed', status('offline', now + 70_000));
  bus.emit('tunnel.changed', status('online', now + 120_000));
  clock = now + 600_000;
  const stats = await service.handlers!.deliveryStats!({ since: now - 3_600_000, until: now + 600_000 });
  expect(stats.buckets.reduce((n, b) => n + b.count, 0)).toBe(3);
  expect(stats.outages).toEqual([{ start: now + 60_000, end: now + 120_000, state: 'reconnecting', reason: null }]);
  const lead = await service.handlers!.deliveryStats!({ entity: 'lead', since: now - 3_600_000, until: now + 600_000 });
  const timed = lead.buckets.filter((b) => b.count);
  expect(timed.reduce((n, b) => n + b.count, 0)).toBe(2);
  // Received at now and now+1 s (the helper's clock), sent 2 s and 4 s before now.
  expect(timed.flatMap((b) => [b.p50, b.p99])).toEqual(expect.arrayContaining([2000]));
  expect(Math.max(...timed.map((b) => b.p99!))).toBe(5000);
  service.stop?.();
});

it('deliveryStats refuses more than 10,000 buckets with a clear bad_request, and a default bucket always fits', async () => {
  const s = new ShapeStore();
  open.push(s);
  const now = Date.now();
  s.clock = now - 5000; // the helper stores at clock + 1 s
  s.post({ Id: 'a', Entity: 'Lead', Timestamp: new Date(now - 2000).toISOString(), Data: { Op: 'create', New: { Key: 'x' } } });
  const service = latencyService({ store: s.store, bus: new EventBus(), now: () => now } as unknown as ServiceContext);
  // Issue 25: 60 million buckets of 10 s over 19 years took the process down (heap exhausted).
  const huge = (async () => service.handlers!.deliveryStats!({ since: now - 6e11, bucketMs: 10_000 }))();
  await expect(huge).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('at most 10,000') });
  const edge = await service.handlers!.deliveryStats!({ since: now - 10_000 * 10_000 + 10_000, until: now - (now % 10_000), bucketMs: 10_000 });
  expect(edge.buckets.length).toBeLessThanOrEqual(10_000);
  const century = await service.handlers!.deliveryStats!({ since: now - 100 * 365 * 86_400_000 });
  expect(century.buckets.length).toBeLessThanOrEqual(400);
  expect(century.buckets.reduce((n, b) => n + b.count, 0)).toBe(1);
});

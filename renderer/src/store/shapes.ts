import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { CallInput } from '@shared/contract';
import type { DataBridge } from './bridge';
import { dataLayer } from './current';
import { invalidateSoon } from './query';

/** Shapes learned from traffic, one shape's fields and drift, delivery latency: all read on demand and re-read when events arrive. */
export function createShapesData(bridge: DataBridge, client: QueryClient) {
  const { api } = bridge;
  const shapesSoon = invalidateSoon(client, ['shapes'], 500);
  const latencySoon = invalidateSoon(client, ['latency'], 2000);
  return {
    list: queryOptions({
      queryKey: ['shapes', 'list'],
      queryFn: async () => (await api.listShapes()).items,
    }),
    /** A shape and its latest drift, keyed by id: an answer for a shape left behind never shows for the next. */
    detail: (id: number) =>
      queryOptions({
        queryKey: ['shapes', 'detail', id],
        queryFn: async () => {
          const [detail, drift] = await Promise.all([api.getShape({ id }), api.listDrift({ shapeId: id, limit: 50 })]);
          return { detail, drift: drift.items };
        },
      }),
    /** The learned shape of one Entity × Op (the filter builder's type warnings); an error when none is learned yet. */
    of: (entity: string, op: string) => queryOptions({ queryKey: ['shapes', 'of', entity, op], queryFn: () => api.getShape({ entity, op }) }),
    /** Delivery timing over the last `rangeMs`; re-read every minute while shown, as the window moves. */
    latency: (rangeMs: number, entity: string) =>
      queryOptions({
        queryKey: ['latency', rangeMs, entity],
        queryFn: () => {
          const until = Date.now();
          return api.deliveryStats({
            since: until - rangeMs,
            until,
            ...(entity ? { entity } : {}),
          });
        },
        refetchInterval: 60_000,
      }),
    generateModel: (input: CallInput<'generateModel'>) => api.generateModel(input),
    exportFixtures: (input: CallInput<'exportFixtures'>) => api.exportFixtures(input),
    start() {
      const offs = [
        bridge.on('events.received', () => (shapesSoon.trigger(), latencySoon.trigger())),
        bridge.on('events.cleared', () => (shapesSoon.trigger(), latencySoon.trigger())),
      ];
      return () => {
        shapesSoon.stop();
        latencySoon.stop();
        offs.forEach((off) => void off());
      };
    },
  };
}

export type ShapesData = ReturnType<typeof createShapesData>;

export const shapesData = (): ShapesData => dataLayer().shapes;
export const useShapeList = () => useQuery(shapesData().list);
export const useShape = (id: number | null) => useQuery({ ...shapesData().detail(id ?? -1), enabled: id !== null });
/** `null` asks nothing (the input is still being typed). */
export const useShapeOf = (kind: { entity: string; op: string } | null) =>
  useQuery({ ...shapesData().of(kind?.entity ?? '', kind?.op ?? ''), enabled: kind !== null && kind.entity !== '' });
/** Keeps the previous range's charts on screen while the next one loads. */
export const useLatency = (rangeMs: number, entity: string) =>
  useQuery({
    ...shapesData().latency(rangeMs, entity),
    placeholderData: keepPreviousData,
  });

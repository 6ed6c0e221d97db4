import { z } from 'zod';
import { eventSummary, rejection, type Rejection } from '@shared/contract';
import type { StoredDelivery } from '../store/store';

/** What the receiver thread tells the engine; validated on arrival since it crosses a thread boundary. */
export const workerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), port: z.number().int() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({
    type: z.literal('committed'),
    created: z.array(eventSummary),
    attempts: z.array(z.object({ id: z.number().int(), attempts: z.number().int(), lastReceivedAt: z.number() })),
    rejections: z.array(rejection),
  }),
]);
export type WorkerMessage = z.infer<typeof workerMessage>;

export const workerConfig = z.object({
  dbPath: z.string(),
  secret: z.string(),
  port: z.number().int().min(0).max(65535),
  host: z.string(),
  maxBodyBytes: z.number().int().positive(),
  synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
});
export type WorkerConfig = z.infer<typeof workerConfig>;

export function indexedMessage(stored: StoredDelivery[]): WorkerMessage {
  return { type: 'committed', created: stored.flatMap((s) => s.created), attempts: stored.flatMap((s) => s.attempts), rejections: [] };
}

export function rejectedMessage(rejections: Rejection[]): WorkerMessage {
  return { type: 'committed', created: [], attempts: [], rejections };
}

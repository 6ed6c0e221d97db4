import { z } from 'zod';
import { eventSummary, rejection, type Rejection } from '@shared/contract';
import { receiverResponse } from '@shared/contract/forwarding';
import type { StoredDelivery } from '../store';

/** The secrets the receiver accepts: the current one, and the one it replaced until its grace period ends. */
export const receiverSecrets = z.object({
  current: z.string().min(1),
  previous: z.object({ secret: z.string().min(1), until: z.number() }).optional(),
});
export type ReceiverSecrets = z.infer<typeof receiverSecrets>;

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
  /** The response simulation changed (set, or a `failNext` counted down). */
  z.object({ type: z.literal('response'), state: receiverResponse }),
]);
export type WorkerMessage = z.infer<typeof workerMessage>;

/** What the engine tells the receiver thread (besides 'stop'): also validated on arrival. */
export const hostMessage = z.discriminatedUnion('type', [
  /** Answer stored webhooks this way from now on (response simulation). */
  z.object({ type: z.literal('response'), state: receiverResponse }),
  /** Requests were inserted by the engine (import, edited replay): parse them now. */
  z.object({ type: z.literal('index') }),
  /** The secret was rotated: accept these from now on. */
  z.object({ type: z.literal('secrets'), secrets: receiverSecrets }),
]);
export type HostMessage = z.infer<typeof hostMessage>;

export const workerConfig = z.object({
  dbPath: z.string(),
  secret: receiverSecrets,
  port: z.number().int().min(0).max(65535),
  host: z.string(),
  maxBodyBytes: z.number().int().positive(),
});
export type WorkerConfig = z.infer<typeof workerConfig>;

export function indexedMessage(stored: StoredDelivery[]): WorkerMessage {
  return { type: 'committed', created: stored.flatMap((s) => s.created), attempts: stored.flatMap((s) => s.attempts), rejections: [] };
}

export function rejectedMessage(rejections: Rejection[]): WorkerMessage {
  return { type: 'committed', created: [], attempts: [], rejections };
}

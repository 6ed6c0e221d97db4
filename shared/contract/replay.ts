import { z } from 'zod';
import { call } from './define';
import { sampleKind } from '../samples/schema';
import { forwardDelivery, httpUrl, sendTestEventInput } from './forwarding';

/** Sending again: stored events replayed as they came (or edited), and test or sample webhooks. */
export const replayCalls = {
  replayEvent: call(
    z.object({
      id: z.number().int(),
      /** Default: the first enabled forward rule's URL. */
      url: httpUrl.optional(),
      /** Edited body (JSON text): stored as a new event with origin `edited`, and that copy is sent. */
      body: z.string().optional(),
      /** Resolve once the delivery has finished (all attempts), instead of when it starts. */
      wait: z.boolean().default(false),
    }),
    z.object({ delivery: forwardDelivery, requestId: z.number().int(), editedEventId: z.number().int().optional() }),
    'Send a stored event’s request again (same bytes and headers) to the forward URL or any URL; with `body`, an edited copy (kept as a new `edited` event).',
  ),
  replayEvents: call(
    z.object({ ids: z.array(z.number().int()).min(1).max(10_000), url: httpUrl.optional() }),
    z.object({ deliveries: z.array(forwardDelivery) }),
    'Replay several stored events (each request once) to the forward URL or any URL.',
  ),
  sendTestEvent: call(
    sendTestEventInput,
    z.object({
      kind: z.string(),
      to: z.string(),
      webhookIds: z.array(z.string()),
      /** `to: receiver`: what the receiver answered. */
      status: z.number().int().optional(),
      deliveries: z.array(forwardDelivery),
    }),
    'Send a Maximizer-shaped test webhook of any Entity/Op (built-in samples or the sandbox generator) to this app’s receiver, the forward URLs, or any URL.',
  ),
  sendSampleEvent: call(
    z.object({ kind: sampleKind }),
    z.object({ kind: sampleKind, status: z.number().int(), webhookIds: z.array(z.string()) }),
    "POSTs a built-in Maximizer-shaped sample webhook to this app's own receiver (as Maximizer would).",
  ),
};

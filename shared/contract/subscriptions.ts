import { z } from 'zod';
import { call, noInput } from './define';
import { subscription, previewMatch, filterStrings, others, recipient } from './connection';

/** Subscriptions of the active connection, and filter previews over stored events. */
export const subscriptionCalls = {
  listSubscriptions: call(noInput, z.object({ items: z.array(subscription) }), "Every subscription, the app's own marked `own`."),
  subscribe: call(
    z.object({ entity: z.string().min(1), op: z.string().min(1), filter: filterStrings.optional(), recipients: z.array(z.string()).optional() }),
    subscription,
    "Subscribe the app's own target to an Entity × Op, optionally with filter strings and recipients.",
  ),
  unsubscribe: call(z.object({ subscriptionId: z.string(), others }), z.object({}), 'Delete one subscription (of another target only with `others: true`).'),
  updateSubscription: call(
    z.object({ subscriptionId: z.string(), filter: filterStrings.optional(), recipients: z.array(recipient).optional(), others }),
    subscription,
    "Replace a subscription's filter strings and/or recipients (PUT; validated before sending).",
  ),
  addRecipient: call(
    z.object({ subscriptionId: z.string(), recipient, others }),
    subscription,
    'Add a recipient string (e.g. an e-mail address) to a subscription.',
  ),
  removeRecipient: call(z.object({ subscriptionId: z.string(), recipient, others }), subscription, 'Remove a recipient string from a subscription.'),
  previewFilter: call(
    z.object({ entity: z.string().min(1), op: z.string().min(1), filter: filterStrings }),
    z.object({
      matched: z.number().int(),
      total: z.number().int(),
      ids: z.array(z.number().int()),
      /** The newest matches (at most 100), for the list under the count. */
      items: z.array(previewMatch),
      errors: z.array(z.string()),
      /**
       * Rules the guide does not state that decided some results (value read from Original, a missing field,
       * case, text vs number), with how many events each decided: the live API may decide them differently.
       */
      rules: z.array(z.object({ rule: z.string(), events: z.number().int(), note: z.string(), assumption: z.string() })).default([]),
    }),
    'Evaluates filter strings against stored events of that Entity × Op: "would have matched N of M", with the newest matches.',
  ),
};

import { ApiError, type Subscription } from '@shared/contract';
import { formatFilterErrors, parseFilter } from '@shared/filters';
import type { Connection } from '../connection/service';
import type { MaximizerClient, SubscriptionResponse } from '../maximizer';
import type { Service, ServiceContext } from '../service';
import { previewFilter } from './preview';

/** Filter strings are checked with the sandbox's own parser before anything is sent. */
function checkFilter(filter: string[] | undefined): void {
  if (!filter?.length) return;
  const parsed = parseFilter(filter);
  if (!parsed.ok) throw new ApiError('bad_request', `The filter was not sent: ${formatFilterErrors(parsed.errors, filter)}`);
}

/**
 * Subscriptions of the active connection (the app's own target's, and others' on request), and
 * the filter preview over stored events. Maximizer's errors arrive as contract errors already.
 */
export function subscriptionsService(ctx: ServiceContext, connection: Connection): Service<'subscriptions'> {
  const ownTarget = () => connection.status().targetId;

  const toSubscription = (s: SubscriptionResponse): Subscription => ({
    subscriptionId: s.SubscriptionId,
    entity: s.Entity ?? '',
    op: s.Op ?? '',
    targetId: s.TargetId,
    filter: (s.Filter ?? []).map((f) => (typeof f === 'string' ? f : JSON.stringify(f))),
    recipients: s.Recipients ?? [],
    own: s.TargetId === ownTarget(),
  });

  /** There is no get-by-id: the subscription comes from the list. Another target's is changed only on request. */
  async function subscriptionFor(api: MaximizerClient, subscriptionId: string, others: boolean | undefined): Promise<SubscriptionResponse> {
    const all = await api.listSubscriptions();
    const found = all.find((s) => s.SubscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    if (!found) throw new ApiError('not_found', `Subscription ${subscriptionId} no longer exists (it may have been deleted elsewhere). Refresh the list.`);
    if (found.TargetId !== ownTarget() && !others) {
      const owner = (await api.listTargets().catch(() => [])).find((t) => t.TargetId === found.TargetId);
      throw new ApiError(
        'bad_request',
        `${found.Entity} × ${found.Op} belongs to another target${owner?.Name ? ` ("${owner.Name}")` : ''}, probably another integration. Opt in to changing other targets' subscriptions first (automation: pass others: true).`,
      );
    }
    return found;
  }

  async function afterChange(api: MaximizerClient, subscriptionId: string): Promise<Subscription> {
    const again = (await api.listSubscriptions()).find((s) => s.SubscriptionId === subscriptionId);
    if (!again) throw new ApiError('not_found', `Subscription ${subscriptionId} disappeared while it was being changed. Refresh the list.`);
    return toSubscription(again);
  }

  return {
    handlers: {
      listSubscriptions: async () => ({ items: (await connection.client().listSubscriptions()).map(toSubscription) }),
      subscribe: async ({ entity, op, filter, recipients }) => {
        const api = connection.client();
        const status = connection.status();
        if (!status.targetId) throw new ApiError('unavailable', status.error?.message ?? 'The app has no target at this Maximizer yet: reconnect to create it');
        checkFilter(filter);
        const created = await api.createSubscription({
          Entity: entity,
          Op: op,
          TargetId: status.targetId,
          Filter: filter?.length ? filter : null,
          Recipients: recipients?.length ? recipients : null,
        });
        return toSubscription(created);
      },
      unsubscribe: async ({ subscriptionId, others }) => {
        const api = connection.client();
        await subscriptionFor(api, subscriptionId, others);
        await api.deleteSubscription(subscriptionId);
        return {};
      },
      updateSubscription: async ({ subscriptionId, filter, recipients, others }) => {
        const api = connection.client();
        const current = await subscriptionFor(api, subscriptionId, others);
        checkFilter(filter);
        const nextFilter = filter ?? current.Filter ?? null;
        const nextRecipients = recipients ?? current.Recipients ?? null;
        const updated = await api.updateSubscription(subscriptionId, {
          Entity: current.Entity ?? '',
          Op: current.Op ?? '',
          TargetId: current.TargetId,
          Filter: nextFilter?.length ? nextFilter : null,
          Recipients: nextRecipients?.length ? nextRecipients : null,
        });
        return toSubscription(updated);
      },
      addRecipient: async ({ subscriptionId, recipient, others }) => {
        const api = connection.client();
        await subscriptionFor(api, subscriptionId, others);
        await api.addRecipient(subscriptionId, recipient);
        return afterChange(api, subscriptionId);
      },
      removeRecipient: async ({ subscriptionId, recipient, others }) => {
        const api = connection.client();
        await subscriptionFor(api, subscriptionId, others);
        await api.removeRecipient(subscriptionId, recipient);
        return afterChange(api, subscriptionId);
      },
      previewFilter: ({ entity, op, filter }) => previewFilter(ctx.store.events, entity, op, filter),
    },
  };
}

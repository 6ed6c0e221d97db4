import { randomUUID } from 'node:crypto';
import { ApiError } from '@shared/contract';
import type { ForwardDelivery } from '@shared/contract/forwarding';
import { TEST_EVENT_HEADER } from '@shared/headers';
import { buildSample } from '@shared/samples';
import type { Forwarding } from '../forwarding/service';
import { editedHeaders } from '../forwarding/headers';
import type { ReceiverHandle } from '../receiver/host';
import type { Service, ServiceContext } from '../service';
import { APP_VERSION } from '../version';
import { postToReceiver } from './post';
import { TestEvents } from './test-events';

/**
 * Sending again: stored events replayed with their exact bytes (or an edited copy, stored as a
 * new `edited` event), test webhooks to the receiver, the forward rules or any URL, and samples.
 */
export function replayService(ctx: ServiceContext, forwarding: Forwarding, receiver: Pick<ReceiverHandle, 'control' | 'info'>): Service<'replay'> {
  const requests = ctx.store.requests;
  const testEvents = new TestEvents(ctx.now);

  function defaultUrl(): string {
    const rule = forwarding.rules.enabled()[0];
    if (!rule) throw new ApiError('bad_request', 'No URL to send to: give `url`, or add a forward rule');
    return rule.url;
  }

  function requestOfEvent(id: number): number {
    const requestId = requests.firstRequestOf(id);
    if (requestId === undefined) throw new ApiError('not_found', `No event with id ${id}`);
    return requestId;
  }

  /** Waits until the receiver's indexer has parsed a request the engine inserted itself. */
  async function eventsOfIndexed(requestId: number, timeoutMs = 10_000): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ids = requests.eventIdsOf(requestId);
      if (ids.length) return ids;
      if (Date.now() > deadline) throw new ApiError('unavailable', 'The edited copy was stored but not parsed in time; it will appear shortly');
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /** Stores an edited body as a new request (origin `edited`) beside the one it was edited from. */
  function storeEdited(sourceRequest: number, body: string): number {
    try {
      JSON.parse(body);
    } catch (error) {
      throw new ApiError('bad_request', `The edited body is not valid JSON: ${(error as Error).message}`);
    }
    const original = requests.get(sourceRequest)!;
    const bytes = Buffer.from(body, 'utf8');
    const [requestId] = requests.insert(
      [
        {
          receivedAt: ctx.now(),
          method: original.method,
          path: original.path,
          query: original.query,
          headers: editedHeaders(original.headers, bytes.length),
          body: bytes,
          bodyEncoded: null,
          contentEncoding: null,
          remote: original.remote,
          origin: 'edited',
        },
      ],
      ctx.now(),
    );
    receiver.control.indexNow();
    return requestId!;
  }

  const finished = async (started: { delivery: ForwardDelivery; done: Promise<ForwardDelivery> }, wait: boolean) =>
    wait ? await started.done : started.delivery;

  return {
    handlers: {
      replayEvent: async ({ id, url, body, wait }) => {
        const sourceRequest = requestOfEvent(id);
        const target = url ?? defaultUrl();
        if (body === undefined) {
          const started = forwarding.deliverStored({ kind: 'replay', ruleId: null, url: target, requestId: sourceRequest });
          return { delivery: await finished(started, wait), requestId: sourceRequest };
        }
        const requestId = storeEdited(sourceRequest, body);
        const editedIds = await eventsOfIndexed(requestId);
        const started = forwarding.deliverStored({
          kind: 'replay',
          ruleId: null,
          url: target,
          requestId,
          // Listed under the edited copy and under the event it was edited from.
          eventIds: [...new Set([...editedIds, id])],
        });
        return { delivery: await finished(started, wait), requestId, editedEventId: editedIds[0] };
      },

      replayEvents: ({ ids, url }) => {
        const target = url ?? defaultUrl();
        const requestIds = [...new Set(ids.map(requestOfEvent))];
        return {
          deliveries: requestIds.map((requestId) => forwarding.deliverStored({ kind: 'replay', ruleId: null, url: target, requestId }).delivery),
        };
      },

      sendTestEvent: async ({ to, ...request }) => {
        const test = testEvents.build(request);
        if (to === 'receiver') {
          const { status } = await postToReceiver(receiver.info.localUrl, test.body, { testKind: test.kind, timeoutMs: 65_000 });
          return { kind: test.kind, to, status, webhookIds: test.webhookIds, deliveries: [] };
        }
        const { rules } = forwarding;
        const targets = to === 'forward' ? rules.enabled().filter((rule) => test.events.some((event) => rules.matches(rule, event))) : [{ id: null, url: to }];
        if (!targets.length) throw new ApiError('bad_request', `No enabled forward rule matches ${test.events.map((e) => `${e.entity}/${e.op}`).join(', ')}`);
        const bytes = Buffer.from(test.body, 'utf8');
        const headers = [
          'Content-Type',
          'application/json; charset=utf-8',
          'User-Agent',
          `MaximizerWebhookInspector-test/${APP_VERSION}`,
          TEST_EVENT_HEADER,
          test.kind,
          'Content-Length',
          String(bytes.length),
        ];
        const deliveries = targets.map(
          (target) =>
            forwarding.deliver({
              kind: 'test',
              ruleId: target.id,
              url: target.url,
              requestId: null,
              eventIds: [],
              webhookIds: test.webhookIds,
              payload: () => ({ headers, body: bytes }),
            }).delivery,
        );
        return { kind: test.kind, to, webhookIds: test.webhookIds, deliveries };
      },

      sendSampleEvent: async ({ kind }) => {
        const sample = buildSample(kind, { newId: randomUUID, now: ctx.now() });
        const { status } = await postToReceiver(ctx.receiver.localUrl, sample.body, { timeoutMs: 10_000 });
        return { kind, status, webhookIds: sample.webhookIds };
      },
    },
  };
}

import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type EventSummary } from '@shared/contract';
import { NORMAL_RESPONSE, type ForwardDelivery, type ReceiverResponse } from '@shared/contract/forwarding';
import type { ReceiverHandle } from '../receiver/host';
import { TEST_EVENT_HEADER } from '../receiver/server';
import type { Service, ServiceContext } from '../service';
import { APP_VERSION } from '../version';
import { Deliverer, type Payload } from './deliverer';
import { cleanExports, runExport } from './export';
import { editedHeaders, forwardHeaders } from './headers';
import { runImport } from './import';
import { Jobs } from './jobs';
import { Rules } from './rules';
import { TestEvents } from './test-events';

/** Deliveries kept in the log; older ones are pruned in the background. */
const KEEP_DELIVERIES = 20_000;
/** Events arriving this long after a request was forwarded are not forwarded again (guards double relays). */
const RECENT_REQUESTS = 10_000;

const FORWARDED_ORIGINS: ReadonlySet<EventSummary['origin']> = new Set(['received', 'test']);

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/**
 * Forwarding, replay, test events, export/import and receiver response simulation (issue 7).
 * Everything here runs on the engine's loop after the receiver acknowledged: forwarding starts
 * from `events.received`, which the receiver emits only after the commit and the ack.
 */
export function forwarderService(ctx: ServiceContext, receiver: Pick<ReceiverHandle, 'control' | 'info'>): Service {
  const log = ctx.store.deliveries;
  const requests = ctx.store.requests;
  const rules = new Rules(ctx.settings, ctx.now);
  const jobs = new Jobs(ctx.now, (job) => ctx.bus.emit('jobs.progress', job));
  const testEvents = new TestEvents(ctx.now);
  const exportDir = join(ctx.dataDir, 'exports');
  let response: ReceiverResponse = { ...NORMAL_RESPONSE };
  const offs: (() => void)[] = [];
  let pruneTimer: NodeJS.Timeout | undefined;

  const deliverer = new Deliverer({
    log,
    settings: () => rules.delivery(),
    now: ctx.now,
    onChange: (delivery) => ctx.bus.emit('forwarding.delivery', delivery),
  });

  const recent = new Set<number>();
  const remember = (requestId: number) => {
    recent.add(requestId);
    if (recent.size > RECENT_REQUESTS) recent.delete(recent.values().next().value!);
  };

  /**
   * What a forward sends for a stored request: the bytes as they arrived on the wire (still
   * gzip-compressed if they came so, with their Content-Encoding) and the original headers.
   */
  const storedPayload = (requestId: number): Payload => () => {
    const request = requests.get(requestId);
    if (!request) return undefined;
    const body = request.bodyEncoded ?? request.body;
    return { headers: forwardHeaders(request.headers, body.length), body };
  };

  /** Each new request that carried a new event goes, once, to every enabled rule one of its events matches. */
  function forwardNew(items: EventSummary[]): void {
    const active = rules.enabled();
    if (!active.length) return;
    const requestIds = new Set<number>();
    for (const item of items) {
      if (!FORWARDED_ORIGINS.has(item.origin)) continue;
      const requestId = requests.firstRequestOf(item.id);
      if (requestId !== undefined && !recent.has(requestId)) requestIds.add(requestId);
    }
    for (const requestId of requestIds) {
      remember(requestId);
      const events = requests.eventsOf(requestId);
      const views = events.map((e) => ({ entity: e.entity, op: e.op, original: parseJson(e.original), new: parseJson(e.new) }));
      for (const rule of active) {
        if (!views.some((view) => rules.matches(rule, view))) continue;
        deliverer.start({
          kind: 'forward',
          ruleId: rule.id,
          url: rule.url,
          requestId,
          eventIds: events.map((e) => e.id),
          webhookIds: events.flatMap((e) => (e.webhookId ? [e.webhookId] : [])),
          payload: storedPayload(requestId),
        });
      }
    }
  }

  function defaultUrl(): string {
    const rule = rules.enabled()[0];
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

  const finished = async (started: { delivery: ForwardDelivery; done: Promise<ForwardDelivery> }, wait: boolean) =>
    wait ? await started.done : started.delivery;

  return {
    name: 'forwarding',
    handlers: {
      addForwardRule: (input) => {
        const rule = rules.add(input);
        ctx.bus.emit('forwarding.rules', { items: rules.list() });
        return { id: rule.id, rule };
      },
      updateForwardRule: ({ id, ...patch }) => {
        const rule = rules.update(id, patch);
        ctx.bus.emit('forwarding.rules', { items: rules.list() });
        return rule;
      },
      removeForwardRule: ({ id }) => {
        const removed = rules.remove(id);
        if (removed) ctx.bus.emit('forwarding.rules', { items: rules.list() });
        return { removed };
      },
      listForwardRules: () => ({ items: rules.list(), settings: rules.delivery() }),
      setForwardingSettings: (patch) => rules.setDelivery(patch),
      listForwardAttempts: (query) => log.list(query),

      replayEvent: async ({ id, url, body, wait }) => {
        const sourceRequest = requestOfEvent(id);
        const target = url ?? defaultUrl();
        if (body === undefined) {
          const events = requests.eventsOf(sourceRequest);
          const started = deliverer.start({
            kind: 'replay',
            ruleId: null,
            url: target,
            requestId: sourceRequest,
            eventIds: events.map((e) => e.id),
            webhookIds: events.flatMap((e) => (e.webhookId ? [e.webhookId] : [])),
            payload: storedPayload(sourceRequest),
          });
          return { delivery: await finished(started, wait), requestId: sourceRequest };
        }
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
        const editedIds = await eventsOfIndexed(requestId!);
        const started = deliverer.start({
          kind: 'replay',
          ruleId: null,
          url: target,
          requestId: requestId!,
          // Listed under the edited copy and under the event it was edited from.
          eventIds: [...new Set([...editedIds, id])],
          webhookIds: requests.eventsOf(requestId!).flatMap((e) => (e.webhookId ? [e.webhookId] : [])),
          payload: storedPayload(requestId!),
        });
        return { delivery: await finished(started, wait), requestId: requestId!, editedEventId: editedIds[0] };
      },

      replayEvents: ({ ids, url }) => {
        const target = url ?? defaultUrl();
        const requestIds = [...new Set(ids.map(requestOfEvent))];
        return {
          deliveries: requestIds.map((requestId) => {
            const events = requests.eventsOf(requestId);
            return deliverer.start({
              kind: 'replay',
              ruleId: null,
              url: target,
              requestId,
              eventIds: events.map((e) => e.id),
              webhookIds: events.flatMap((e) => (e.webhookId ? [e.webhookId] : [])),
              payload: storedPayload(requestId),
            }).delivery;
          }),
        };
      },

      sendTestEvent: async ({ to, ...request }) => {
        const test = testEvents.build(request);
        if (to === 'receiver') {
          // Over real HTTP, so it is checked, stored and acknowledged exactly like a webhook from Maximizer.
          const res = await fetch(receiver.info.localUrl, {
            method: 'POST',
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'user-agent': `MaximizerWebhookInspector-test/${APP_VERSION}`,
              [TEST_EVENT_HEADER]: test.kind,
            },
            body: test.body,
            signal: AbortSignal.timeout(65_000),
          });
          await res.arrayBuffer();
          return { kind: test.kind, to, status: res.status, webhookIds: test.webhookIds, deliveries: [] };
        }
        const targets =
          to === 'forward'
            ? rules.enabled().filter((rule) => test.events.some((event) => rules.matches(rule, event)))
            : [{ id: null, url: to }];
        if (!targets.length)
          throw new ApiError('bad_request', `No enabled forward rule matches ${test.events.map((e) => `${e.entity}/${e.op}`).join(', ')}`);
        const bytes = Buffer.from(test.body, 'utf8');
        const headers = ['Content-Type', 'application/json; charset=utf-8', 'User-Agent', `MaximizerWebhookInspector-test/${APP_VERSION}`, 'X-Inspector-Test-Event', test.kind, 'Content-Length', String(bytes.length)];
        const deliveries = targets.map(
          (target) =>
            deliverer.start({
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

      exportEvents: async ({ format, ids, query, includeSecrets, wait }) => {
        const job = jobs.start('export', (control) =>
          runExport(control, ctx.store, {
            format,
            ids,
            query,
            includeSecrets,
            dir: exportDir,
            receiverBase: `http://127.0.0.1:${receiver.info.port}`,
            appVersion: APP_VERSION,
            now: ctx.now,
          }),
        );
        return wait ? jobs.wait(job.id) : job;
      },
      importEvents: async ({ content, format, wait }) => {
        const job = jobs.start('import', (control) =>
          runImport(control, ctx.store, { content, format, now: ctx.now, indexNow: () => receiver.control.indexNow() }),
        );
        return wait ? jobs.wait(job.id) : job;
      },
      getJob: ({ id }) => jobs.get(id),
      cancelJob: ({ id }) => jobs.cancel(id),
      readJobOutput: ({ id, offset, length }) => {
        const job = jobs.get(id);
        if (!job.output) throw new ApiError('bad_request', `Job ${id} has no output (${job.state})`);
        const size = statSync(job.output.path).size;
        const fd = openSync(job.output.path, 'r');
        try {
          const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
          const read = buffer.length ? readSync(fd, buffer, 0, buffer.length, offset) : 0;
          return { base64: buffer.subarray(0, read).toString('base64'), offset, size, eof: offset + read >= size };
        } finally {
          closeSync(fd);
        }
      },

      getReceiverResponse: () => response,
      setReceiverResponse: (patch) => {
        response = { ...response, ...patch };
        receiver.control.setResponse(response);
        return response;
      },
    },
    status: () => ({
      rules: rules.list().length,
      enabledRules: rules.enabled().length,
      ...deliverer.stats,
      response,
    }),
    start() {
      log.abandon(ctx.now());
      cleanExports(exportDir, ctx.now());
      offs.push(ctx.bus.on('events.received', ({ items }) => forwardNew(items)));
      offs.push(ctx.bus.on('receiver.response', (state) => (response = state)));
      offs.push(ctx.bus.on('events.cleared', () => log.clear()));
      pruneTimer = setInterval(() => log.prune(KEEP_DELIVERIES), 60_000);
      pruneTimer.unref();
    },
    stop() {
      for (const off of offs.splice(0)) off();
      clearInterval(pruneTimer);
      jobs.cancelAll();
      deliverer.stop();
    },
  };
}

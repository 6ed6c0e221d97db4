import type { EventSummary } from '@shared/contract';
import type { ForwardDelivery } from '@shared/contract/forwarding';
import type { Service, ServiceContext } from '../service';
import { Deliverer, type Payload } from './deliverer';
import { forwardHeaders } from './headers';
import { Rules } from './rules';

/** Deliveries kept in the log; older ones are pruned in the background. */
const KEEP_DELIVERIES = 20_000;
/** Events arriving this long after a request was forwarded are not forwarded again (guards double relays). */
const RECENT_REQUESTS = 10_000;

const FORWARDED_ORIGINS: ReadonlySet<EventSummary['origin']> = new Set(['received', 'sandbox', 'test']);

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

type DeliverySpec = Parameters<Deliverer['start']>[0];

/** What replay and test sends use of forwarding: the rules, and one delivery queue with one log. */
export interface Forwarding {
  rules: Rules;
  deliver(spec: DeliverySpec): { delivery: ForwardDelivery; done: Promise<ForwardDelivery> };
  /** A delivery of a stored request, as it arrived, carrying its events. */
  deliverStored(spec: Pick<DeliverySpec, 'kind' | 'ruleId' | 'url'> & { requestId: number; eventIds?: number[] }): {
    delivery: ForwardDelivery;
    done: Promise<ForwardDelivery>;
  };
  stats(): { rules: number; enabledRules: number; active: number; inFlight: number; queued: number };
}

/**
 * Forward rules and delivery with Maximizer's rules (issue 7). Runs on the engine's loop after the
 * receiver acknowledged: forwarding starts from `events.received`, which the receiver emits only
 * after the commit and the ack.
 */
export function forwardingService(ctx: ServiceContext): Service<'forwarding'> & { forwarding: Forwarding } {
  const log = ctx.store.deliveries;
  const requests = ctx.store.requests;
  const rules = new Rules(ctx.settings, ctx.now);
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
  const storedPayload =
    (requestId: number): Payload =>
    () => {
      const request = requests.get(requestId);
      if (!request) return undefined;
      const body = request.bodyEncoded ?? request.body;
      return { headers: forwardHeaders(request.headers, body.length), body };
    };

  const forwarding: Forwarding = {
    rules,
    deliver: (spec) => deliverer.start(spec),
    deliverStored({ requestId, eventIds, ...spec }) {
      const events = requests.eventsOf(requestId);
      return deliverer.start({
        ...spec,
        requestId,
        eventIds: eventIds ?? events.map((e) => e.id),
        webhookIds: events.flatMap((e) => (e.webhookId ? [e.webhookId] : [])),
        payload: storedPayload(requestId),
      });
    },
    stats: () => ({ rules: rules.list().length, enabledRules: rules.enabled().length, ...deliverer.stats }),
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
        forwarding.deliverStored({ kind: 'forward', ruleId: rule.id, url: rule.url, requestId });
      }
    }
  }

  return {
    forwarding,
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
    },
    start() {
      log.abandon(ctx.now());
      offs.push(ctx.bus.on('events.received', ({ items }) => forwardNew(items)));
      offs.push(ctx.bus.on('events.cleared', () => log.clear()));
      pruneTimer = setInterval(() => log.prune(KEEP_DELIVERIES), 60_000);
      pruneTimer.unref();
    },
    stop() {
      for (const off of offs.splice(0)) off();
      clearInterval(pruneTimer);
      deliverer.stop();
    },
  };
}

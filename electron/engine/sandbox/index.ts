import { createServer } from 'node:http';
import { guardServer } from '../http-guard';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { isObject } from '@shared/caseless';
import { parseEvent } from '@shared/envelope';
import { matchesSubscription } from '@shared/filters';
import { createApiHandler } from './api';
import { Deliverer, type DeliveryRecord } from './delivery';
import { buildEvent, type EmitInput, type SandboxEvent } from './events';
import { ActivityGenerator, GENERATED_KINDS, type GeneratedKind } from './generator';
import { PAYLOAD_STYLES, renderPayload, type PayloadStyle } from './payload';
import { freshSeed, seededRandom, uuidFrom, type Random } from './random';
import { Registry } from './registry';

export type { DeliveryAttempt, DeliveryRecord, DeliveryState } from './delivery';
export type { EmitInput, SandboxEvent } from './events';
export type { GeneratedKind } from './generator';
export type { PayloadStyle } from './payload';
export type { Random } from './random';
export { GENERATED_KINDS } from './generator';
export { PAYLOAD_STYLES } from './payload';

/**
 * The Maximizer sandbox: a local emulator of the Webhooks API (CONTRACT.md §2, §7) that delivers
 * events the way Maximizer does (§4) and can generate realistic CRM activity. See docs/sandbox.md.
 */
export interface SandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Tokens of Administrator users: full access. At least one. */
  adminTokens: readonly string[];
  /** Tokens of regular users: authenticated but 403 on every endpoint. */
  userTokens?: readonly string[];
  /** Pause before each retry (default 1000 ms). */
  retryDelayMs?: number;
  /** How long a target has to answer 200 (default 2000 ms, Maximizer's rule). */
  timeoutMs?: number;
  /** 'guide' (default): JSON array, PascalCase. 'postman': one object, lowercase keys. */
  payloadStyle?: PayloadStyle;
  /** Generated events per minute; 0 (default) = only on request. */
  rate?: number;
  /** Status for an 11th target: 409 (default) or 400. */
  targetLimitStatus?: 400 | 409;
  /** Accept any Entity and Op in a subscription (default false: only the guide's list, else 400 naming it). */
  anyEntityOp?: boolean;
  /** Default 10 (Maximizer's limit). */
  targetLimit?: number;
  /** The emulated database's id, the same on every event. */
  workspaceId?: string;
  /** Seed for the default random source; a fresh one per run when omitted (webhook Ids must not repeat across runs). */
  seed?: number;
  /** Clock for event timestamps and logs (ms since epoch). */
  now?: () => number;
  /** Randomness for ids, keys and generated data; overrides `seed`. */
  random?: Random;
  log?: (line: string) => void;
  /** Called whenever a delivery record is created or changes state (for a live UI log). */
  onDelivery?: (record: DeliveryRecord) => void;
  /** Delivery records kept for `deliveries()` (default 1000, oldest forgotten first). */
  maxDeliveryRecords?: number;
}

export interface Sandbox {
  /** `http://127.0.0.1:P/webhooks`: the Webhooks API base URL (paths /v1/...). */
  baseUrl: string;
  /** `http://127.0.0.1:P`: the root, where /sandbox/... control endpoints live. */
  rootUrl: string;
  port: number;
  workspaceId: string;
  payloadStyle: PayloadStyle;
  kinds: readonly GeneratedKind[];
  /** Emits one event now and starts its deliveries; returns the completed event. */
  emit(input: EmitInput): SandboxEvent;
  /** Emits one generated event of `kind` (a weighted random kind when omitted). */
  generate(kind?: GeneratedKind): SandboxEvent;
  /** Delivers a complete webhook body byte-for-byte to every matching subscription's enabled target. */
  replay(body: string | Buffer): { Id: string | null; Deliveries: number };
  /** Delivery log, oldest first (snapshots). */
  deliveries(): DeliveryRecord[];
  /** Resolves when no delivery is in flight or waiting for a retry. */
  idle(): Promise<void>;
  /** Current generator rate (events per minute). */
  readonly rate: number;
  setRate(eventsPerMinute: number): void;
  stop(): Promise<void>;
}

export const DEFAULT_WORKSPACE_ID = 'B7E3C1A2-4F5D-4E8B-9C6A-2D1F0E9B8A73';
const SOURCE_ID = '3c9e6f1a-8b2d-4f7e-a1c5-0d9b8e7f6a54';
export { SANDBOX_MAX_RATE as MAX_RATE } from '@shared/limits';
import { SANDBOX_MAX_RATE as MAX_RATE } from '@shared/limits';

const options = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  adminTokens: z.array(z.string().min(1)).min(1, 'at least one admin token is needed'),
  userTokens: z.array(z.string().min(1)).default([]),
  retryDelayMs: z.number().int().min(0).max(600_000).default(1000),
  timeoutMs: z.number().int().min(1).max(600_000).default(2000),
  payloadStyle: z.enum(PAYLOAD_STYLES).default('guide'),
  rate: z.number().min(0).max(MAX_RATE).default(0),
  targetLimitStatus: z.union([z.literal(400), z.literal(409)]).default(409),
  targetLimit: z.number().int().min(0).default(10),
  anyEntityOp: z.boolean().default(false),
  workspaceId: z.string().min(1).default(DEFAULT_WORKSPACE_ID),
  seed: z.number().int().optional(),
  maxDeliveryRecords: z.number().int().min(1).default(1000),
});

export async function startSandbox(input: SandboxOptions): Promise<Sandbox> {
  const { now = Date.now, random: injected, log = (line: string) => console.log(line), onDelivery, ...rest } = input;
  const o = options.parse(rest);
  const overlap = o.userTokens.filter((t) => o.adminTokens.includes(t));
  if (overlap.length) throw new Error('a token cannot be both an admin token and a user token');
  const random = injected ?? seededRandom(o.seed ?? freshSeed());
  const newId = () => uuidFrom(random);
  const admins = new Set(o.adminTokens);
  const users = new Set(o.userTokens);

  const registry = new Registry({ newId, targetLimit: o.targetLimit, targetLimitStatus: o.targetLimitStatus, anyEntityOp: o.anyEntityOp });
  const deliverer = new Deliverer({
    retryDelayMs: o.retryDelayMs,
    timeoutMs: o.timeoutMs,
    maxAttempts: 3,
    maxRecords: o.maxDeliveryRecords,
    now,
    newId,
    log,
    onChange: onDelivery,
  });
  const generator = new ActivityGenerator({ random, now });
  const eventContext = { now, random, workspaceId: o.workspaceId, sourceId: SOURCE_ID };

  /** Fan-out: each matching subscription gets its own delivery with its own Recipients (CONTRACT §4). */
  function dispatch(event: SandboxEvent): void {
    const seen = { entity: event.Entity, op: event.Op, original: event.Original, new: event.New };
    for (const subscription of registry.allSubscriptions()) {
      if (!matchesSubscription({ entity: subscription.Entity, op: subscription.Op, filter: subscription.filter }, seen)) continue;
      const target = registry.findTarget(subscription.TargetId);
      if (!target) continue;
      const base = { eventId: event.Id, subscriptionId: subscription.SubscriptionId, entity: event.Entity, op: event.Op };
      if (!target.Enabled) {
        deliverer.drop({ ...base, targetId: target.TargetId, targetName: target.Name, url: target.Endpoint.Url });
        continue;
      }
      const body = renderPayload(event, subscription.Recipients ?? [], o.payloadStyle);
      deliverer.send({ targetId: target.TargetId, name: target.Name, url: target.Endpoint.Url, headers: target.Endpoint.Headers ?? [] }, base, body);
    }
  }

  function emit(request: EmitInput): SandboxEvent {
    const event = buildEvent(request, eventContext);
    dispatch(event);
    return event;
  }

  function generate(kind?: GeneratedKind): SandboxEvent {
    if (kind !== undefined && !GENERATED_KINDS.includes(kind)) throw new Error(`unknown kind ${String(kind)}; expected one of ${GENERATED_KINDS.join(', ')}`);
    return emit(generator.next(kind));
  }

  function replay(body: string | Buffer, parsedValue?: unknown): { Id: string | null; Deliveries: number } {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const value = parsedValue === undefined ? (JSON.parse(bytes.toString('utf8')) as unknown) : parsedValue;
    const events = (Array.isArray(value) ? value : [value]).filter(isObject).map((item) => parseEvent(item));
    let deliveries = 0;
    for (const subscription of registry.allSubscriptions()) {
      const matched = events.find((e) => matchesSubscription({ entity: subscription.Entity, op: subscription.Op, filter: subscription.filter }, e));
      const target = matched && registry.findTarget(subscription.TargetId);
      if (!matched || !target) continue;
      const base = { eventId: matched.webhookId ?? '', subscriptionId: subscription.SubscriptionId, entity: matched.entity ?? '', op: matched.op ?? '' };
      if (!target.Enabled) {
        deliverer.drop({ ...base, targetId: target.TargetId, targetName: target.Name, url: target.Endpoint.Url });
        continue;
      }
      deliverer.send({ targetId: target.TargetId, name: target.Name, url: target.Endpoint.Url, headers: target.Endpoint.Headers ?? [] }, base, bytes);
      deliveries++;
    }
    return { Id: events[0]?.webhookId ?? null, Deliveries: deliveries };
  }

  let rate = 0;
  let timer: NodeJS.Timeout | undefined;
  function setRate(eventsPerMinute: number): void {
    const parsed = z.number().min(0).max(MAX_RATE).parse(eventsPerMinute);
    rate = parsed;
    if (timer) clearInterval(timer);
    timer = undefined;
    if (parsed > 0) {
      timer = setInterval(() => {
        try {
          generate();
        } catch (error) {
          log(`sandbox: generator failed: ${(error as Error).message}`);
        }
      }, 60_000 / parsed);
      // The generator alone must not keep a host process alive.
      timer.unref();
    }
  }

  const server = guardServer(
    createServer(
      createApiHandler({
        registry,
        isAdmin: (token) => admins.has(token),
        isUser: (token) => users.has(token),
        emit,
        generate,
        replay: (raw, value) => replay(raw, value),
        deliveries: () => deliverer.list(),
        info: () => ({ WorkspaceId: o.workspaceId, PayloadStyle: o.payloadStyle, RetryDelayMs: o.retryDelayMs, Rate: rate, Kinds: GENERATED_KINDS }),
        log,
        maxBodyBytes: 1024 * 1024,
      }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const rootUrl = `http://${host}:${port}`;
  setRate(o.rate);

  let stopped: Promise<void> | undefined;
  return {
    baseUrl: `${rootUrl}/webhooks`,
    rootUrl,
    port,
    workspaceId: o.workspaceId,
    payloadStyle: o.payloadStyle,
    kinds: GENERATED_KINDS,
    emit,
    generate,
    replay: (body) => replay(body),
    deliveries: () => deliverer.list(),
    idle: () => deliverer.idle(),
    get rate() {
      return rate;
    },
    setRate,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        setRate(0);
        deliverer.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

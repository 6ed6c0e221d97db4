import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError, problem, readJson, sendEmpty, sendJson } from './http';
import { requestPath } from '../http-guard';
import { numberSourceAt } from '@shared/json-source';
import type { Registry } from './registry';
import { assumptionHeader } from './assumptions';
import { subscriptionRequest, targetRequest } from '../maximizer/schemas';
import { describeIssues, emitRequest, generateRequest } from './schemas';
import type { EmitInput, SandboxEvent } from './events';
import type { DeliveryRecord } from './delivery';
import type { GeneratedKind } from './generator';

/**
 * HTTP front of the sandbox: the 12 Webhooks API operations under `/webhooks/v1` (CONTRACT §2) and the
 * sandbox's own control endpoints under `/sandbox`. Every route needs `Authorization: Bearer <token>`:
 * no or unknown token → 401, a known non-admin token → 403 (CONTRACT §1 [ASSUME]).
 */
export interface ApiContext {
  registry: Registry;
  isAdmin: (token: string) => boolean;
  isUser: (token: string) => boolean;
  emit: (input: EmitInput) => SandboxEvent;
  generate: (kind?: GeneratedKind) => SandboxEvent;
  replay: (raw: Buffer, value: unknown) => { Id: string | null; Deliveries: number };
  deliveries: () => DeliveryRecord[];
  info: () => Record<string, unknown>;
  log: (line: string) => void;
  maxBodyBytes: number;
}

interface Call {
  params: string[];
  query: URLSearchParams;
  req: IncomingMessage;
  path: string;
}

type Result = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (call: Call, context: ApiContext) => Promise<Result> | Result;

/** Route templates: literal segments match ignoring case (ASP.NET routing); `*` captures one decoded segment. */
const ROUTES: { pattern: string[]; methods: Record<string, Handler> }[] = [
  { pattern: ['webhooks', 'v1', 'targets'], methods: { GET: listTargets, POST: createTarget } },
  { pattern: ['webhooks', 'v1', 'targets', '*'], methods: { PUT: updateTarget, DELETE: deleteTarget } },
  { pattern: ['webhooks', 'v1', 'targets', '*', 'enable'], methods: { PATCH: (c, x) => setEnabled(c, x, true) } },
  { pattern: ['webhooks', 'v1', 'targets', '*', 'disable'], methods: { PATCH: (c, x) => setEnabled(c, x, false) } },
  { pattern: ['webhooks', 'v1', 'subscriptions'], methods: { GET: listSubscriptions, POST: createSubscription } },
  { pattern: ['webhooks', 'v1', 'subscriptions', '*'], methods: { PUT: updateSubscription, DELETE: deleteSubscription } },
  { pattern: ['webhooks', 'v1', 'subscriptions', '*', 'recipients', '*'], methods: { PUT: addRecipient, DELETE: removeRecipient } },
  { pattern: ['sandbox'], methods: { GET: (_c, x) => ({ status: 200, body: x.info() }) } },
  { pattern: ['sandbox', 'events'], methods: { POST: emitEvent } },
  { pattern: ['sandbox', 'generate'], methods: { POST: generateEvent } },
  { pattern: ['sandbox', 'replay'], methods: { POST: replayBody } },
  { pattern: ['sandbox', 'deliveries'], methods: { GET: listDeliveries } },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function match(segments: string[]): { route: (typeof ROUTES)[number]; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const params: string[] = [];
    const ok = route.pattern.every((part, i) => {
      const segment = segments[i] as string;
      if (part === '*') {
        params.push(segment);
        return segment !== '';
      }
      return part === segment.toLowerCase();
    });
    if (ok) return { route, params };
  }
  return undefined;
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const found = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return found ? (found[1] as string) : null;
}

export function createApiHandler(context: ApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(req, res, context).catch((error: unknown) => {
      context.log(`sandbox: internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      // The document declares 500 with no body.
      if (!res.headersSent) sendEmpty(res, 500);
      else res.destroy();
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, context: ApiContext): Promise<void> {
  const url = requestPath(req.url);
  const path = url?.pathname ?? '/';
  try {
    if (!url) throw new HttpError(400, 'The request target is not a path.');
    let segments: string[];
    try {
      segments = path
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .map(decodeURIComponent);
    } catch {
      throw new HttpError(400, 'The path is not correctly URL-encoded.');
    }
    const found = match(segments);
    if (!found) throw new HttpError(404, `No such endpoint: ${path}.`);
    const method = (req.method ?? 'GET').toUpperCase();
    const handler = found.route.methods[method];
    if (!handler) {
      const allow = Object.keys(found.route.methods).join(', ');
      throw new HttpError(405, `${method} is not supported here; use ${allow}.`, {}, { allow, ...assumptionHeader('method') });
    }
    const token = bearer(req);
    if (token === null || !(context.isAdmin(token) || context.isUser(token)))
      throw new HttpError(
        401,
        token === null ? 'Send Authorization: Bearer <token>.' : 'The token is unknown or expired.',
        {},
        { 'www-authenticate': 'Bearer', ...assumptionHeader('auth') },
      );
    if (!context.isAdmin(token)) throw new HttpError(403, 'Only users with the Administrator role can manage webhooks.', {}, assumptionHeader('auth'));
    const result = await handler({ params: found.params, query: url.searchParams, req, path }, context);
    if (result.body === undefined) sendEmpty(res, result.status, result.headers);
    else sendJson(res, result.status, result.body, result.headers);
  } catch (error) {
    if (error instanceof HttpError) {
      drain(req);
      return sendJson(res, error.status, problem(error.status, error.message, path, error.extra), error.headers);
    }
    throw error;
  }
}

/** Lets an unread request body go, so the connection can be reused after an early error answer. */
function drain(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}

async function body<T extends z.ZodType>(call: Call, context: ApiContext, schema: T): Promise<z.infer<T>> {
  return (await bodyAndText(call, context, schema)).data;
}

async function bodyAndText<T extends z.ZodType>(call: Call, context: ApiContext, schema: T): Promise<{ data: z.infer<T>; text: string }> {
  const read = await readJson(call.req, context.maxBodyBytes);
  if (read === undefined) throw new HttpError(400, 'A non-empty request body is required.');
  const parsed = schema.safeParse(read.value);
  if (!parsed.success) {
    const { detail, errors } = describeIssues(parsed.error);
    // Which filters are bad is the contract's guess (CONTRACT §3); the other 400s check what the document types.
    const filterOnly = Object.keys(errors).every((path) => path.startsWith('Filter'));
    throw new HttpError(400, detail, { Errors: errors }, filterOnly ? assumptionHeader('badFilter') : {});
  }
  return { data: parsed.data, text: read.raw.toString('utf8') };
}

/** Query parameter names bind ignoring case, as ASP.NET does; an empty value means "no filter". */
function queryParam(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase() && value !== '') return value;
  return undefined;
}

/**
 * Path ids are UUIDs. PUT and DELETE declare 400, so a malformed id is a bad request there, as the OpenAPI
 * document says; PATCH enable/disable declares no 400, so it gets the 404 of an unknown id, labelled a guess.
 */
function id(call: Call, kind: 'target' | 'subscription'): string {
  const value = call.params[0] as string;
  if (GUID.test(value)) return value;
  const name = kind === 'target' ? 'TargetId' : 'SubscriptionId';
  if (call.req.method?.toUpperCase() === 'PATCH')
    throw new HttpError(404, `No ${kind} with ${name} "${value}" (ids are UUIDs).`, {}, assumptionHeader('malformedIdPatch'));
  throw new HttpError(400, `${name} "${value}" is not a UUID.`, { Errors: { [name]: ['must be a UUID'] } });
}

function listTargets(call: Call, context: ApiContext): Result {
  return { status: 200, body: { Data: { Items: context.registry.listTargets(queryParam(call.query, 'Name')) } } };
}

async function createTarget(call: Call, context: ApiContext): Promise<Result> {
  const request = await body(call, context, targetRequest);
  return { status: 201, body: { Data: { Item: context.registry.createTarget(request) } } };
}

async function updateTarget(call: Call, context: ApiContext): Promise<Result> {
  const targetId = id(call, 'target');
  const request = await body(call, context, targetRequest);
  return { status: 200, body: { Data: { Item: context.registry.updateTarget(targetId, request) } } };
}

function deleteTarget(call: Call, context: ApiContext): Result {
  const cascaded = context.registry.deleteTarget(id(call, 'target'));
  return { status: 204, headers: cascaded > 0 ? assumptionHeader('cascade') : undefined };
}

function setEnabled(call: Call, context: ApiContext, enabled: boolean): Result {
  context.registry.setEnabled(id(call, 'target'), enabled);
  return { status: 204 };
}

function listSubscriptions(call: Call, context: ApiContext): Result {
  const targetId = queryParam(call.query, 'TargetId');
  if (targetId !== undefined && !GUID.test(targetId))
    throw new HttpError(400, `TargetId "${targetId}" is not a UUID.`, { Errors: { TargetId: ['must be a UUID'] } });
  const items = context.registry.listSubscriptions({ targetId, entity: queryParam(call.query, 'Entity'), op: queryParam(call.query, 'Op') });
  return { status: 200, body: { Data: { Items: items } } };
}

async function createSubscription(call: Call, context: ApiContext): Promise<Result> {
  const request = await body(call, context, subscriptionRequest);
  return { status: 201, body: { Data: { Item: context.registry.createSubscription(request) } } };
}

async function updateSubscription(call: Call, context: ApiContext): Promise<Result> {
  const subscriptionId = id(call, 'subscription');
  const request = await body(call, context, subscriptionRequest);
  return { status: 200, body: { Data: { Item: context.registry.updateSubscription(subscriptionId, request) } } };
}

function deleteSubscription(call: Call, context: ApiContext): Result {
  context.registry.deleteSubscription(id(call, 'subscription'));
  return { status: 204 };
}

function addRecipient(call: Call, context: ApiContext): Result {
  context.registry.addRecipient(id(call, 'subscription'), call.params[1] as string);
  return { status: 204 };
}

function removeRecipient(call: Call, context: ApiContext): Result {
  context.registry.removeRecipient(id(call, 'subscription'), call.params[1] as string);
  return { status: 204 };
}

async function emitEvent(call: Call, context: ApiContext): Promise<Result> {
  const { data: request, text } = await bodyAndText(call, context, emitRequest);
  // `"Version": 1.10` must reach the target as 1.10 (minor 10), not as the 1.1 JSON.parse made of it.
  const spelling = typeof request.Version === 'number' ? numberSourceAt(text, ['Version']) : null;
  const event = context.emit(spelling ? { ...request, VersionSpelling: spelling } : request);
  return { status: 202, body: { Id: event.Id } };
}

async function generateEvent(call: Call, context: ApiContext): Promise<Result> {
  const read = await readJson(call.req, context.maxBodyBytes);
  const parsed = generateRequest.safeParse(read?.value ?? {});
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error).detail);
  const event = context.generate(parsed.data.Kind);
  return { status: 202, body: { Id: event.Id, Entity: event.Entity, Op: event.Op } };
}

async function replayBody(call: Call, context: ApiContext): Promise<Result> {
  const read = await readJson(call.req, context.maxBodyBytes);
  if (read === undefined) throw new HttpError(400, 'Send the webhook body to replay.');
  return { status: 202, body: context.replay(read.raw, read.value) };
}

function listDeliveries(call: Call, context: ApiContext): Result {
  const eventId = queryParam(call.query, 'EventId');
  const items = context.deliveries().filter((d) => eventId === undefined || d.eventId.toLowerCase() === eventId.toLowerCase());
  return { status: 200, body: { Items: items } };
}

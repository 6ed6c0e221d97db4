import createClient, { type Client } from 'openapi-fetch';
import type { z } from 'zod';
import { MaximizerError, type OperationContext, type OperationName } from './errors';
import { badAnswer, httpError } from './http-errors';
import { transportError, TransportFailure } from './network-errors';
import type { paths } from './openapi';
import {
  subscriptionItem,
  subscriptionItems,
  subscriptionRequest,
  targetItem,
  targetItems,
  targetRequest,
  type SubscriptionRequest,
  type SubscriptionResponse,
  type TargetRequest,
  type TargetResponse,
} from './schemas';
import { createTransport, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type CallInfo, type FetchLike, type RetryPolicy } from './transport';

export const DEFAULT_BASE_URL = 'https://api.maximizer.com/webhooks';

export interface MaximizerClientOptions {
  /** PAT, OAuth, Octopus or Ferret token; sent as `Authorization: Bearer <token>`, never logged. */
  token: string;
  /** The Webhooks API root (paths `/v1/...` are appended). Default https://api.maximizer.com/webhooks. */
  baseUrl?: string;
  /** Per attempt, covering the whole answer. Default 15 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Injectable for tests; default the global fetch. */
  fetch?: FetchLike;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Retry notices, one line each; never holds the token or any header. */
  log?: (line: string) => void;
}

export interface SubscriptionQuery {
  targetId?: string;
  entity?: string;
  op?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (message: string, operation?: OperationName, details: string[] = []) =>
  new MaximizerError({ kind: 'validation', message, fieldErrors: details, ...(operation && { operation }) });

/**
 * The base URL as the client uses it: absolute http(s), no credentials, query or fragment, no
 * trailing slash, and without a trailing `/v1` (people paste `.../webhooks/v1`; paths add it).
 */
export function normalizeBaseUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`"${text}" is not a URL. Enter the Webhooks API address, such as ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(`The base URL must start with https:// (or http:// for a local server), not ${url.protocol}//.`);
  if (url.username || url.password) throw invalid('The base URL must not contain a user name or password; the token is entered separately.');
  if (url.search || url.hash) throw invalid('The base URL must not contain a query (?...) or fragment (#...).');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/v1$/i, '');
}

/** The token as sent: trimmed, without a pasted "Bearer " prefix; rejects what cannot be a token. */
export function normalizeToken(input: string): string {
  const token = input.trim().replace(/^bearer\s+/i, '');
  if (!token) throw invalid('The token is empty. Paste a Maximizer token (for example a Personal Access Token).');
  if (!/^[\x21-\x7e]+$/.test(token)) throw invalid('The token contains spaces, line breaks or other characters a token cannot have. Paste the token alone.');
  return token;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Call {
  operation: OperationName;
  targetId?: string;
  subscriptionId?: string;
  recipient?: string;
}

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * Client of Maximizer's Webhooks API: the 12 operations, typed by the OpenAPI document, every answer
 * validated with the zod schemas, every failure a MaximizerError with a message for the user.
 */
export class MaximizerClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #http: Client<paths>;
  readonly #info: (response: Response) => CallInfo | undefined;
  readonly #timeoutMs: number;

  constructor(options: MaximizerClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.#token = normalizeToken(options.token);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const transport = createTransport({
      fetch: options.fetch ?? ((request) => fetch(request)),
      timeoutMs: this.#timeoutMs,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      now: options.now ?? Date.now,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      log: options.log ?? (() => {}),
    });
    this.#info = transport.info;
    this.#http = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: transport.fetch,
      headers: { Authorization: `Bearer ${this.#token}`, Accept: 'application/json' },
    });
  }

  // ---- targets ----

  /** All targets (at most 10 per CRM), optionally only those named `name`. */
  async listTargets(name?: string): Promise<TargetResponse[]> {
    const call: Call = { operation: 'listTargets' };
    const envelope = await this.#run(call, targetItems, () =>
      this.#http.GET('/v1/targets', { params: { query: name === undefined ? {} : { Name: name } }, parseAs: 'text' }),
    );
    return envelope.Data.Items ?? [];
  }

  async createTarget(target: TargetRequest): Promise<TargetResponse> {
    const call: Call = { operation: 'createTarget' };
    const body = this.#input(call, targetRequest, target);
    const envelope = await this.#run(call, targetItem, () => this.#http.POST('/v1/targets', { body, parseAs: 'text' }));
    return envelope.Data.Item;
  }

  /** Replaces the target's name and endpoint (headers included). */
  async updateTarget(targetId: string, target: TargetRequest): Promise<TargetResponse> {
    const call: Call = { operation: 'updateTarget', targetId: this.#id('updateTarget', targetId, 'target') };
    const body = this.#input(call, targetRequest, target);
    const envelope = await this.#run(call, targetItem, () =>
      this.#http.PUT('/v1/targets/{TargetId}', { params: { path: { TargetId: targetId } }, body, parseAs: 'text' }),
    );
    return envelope.Data.Item;
  }

  async deleteTarget(targetId: string): Promise<void> {
    const call: Call = { operation: 'deleteTarget', targetId: this.#id('deleteTarget', targetId, 'target') };
    await this.#run(call, null, () => this.#http.DELETE('/v1/targets/{TargetId}', { params: { path: { TargetId: targetId } }, parseAs: 'text' }));
  }

  async enableTarget(targetId: string): Promise<void> {
    const call: Call = { operation: 'enableTarget', targetId: this.#id('enableTarget', targetId, 'target') };
    await this.#run(call, null, () => this.#http.PATCH('/v1/targets/{TargetId}/enable', { params: { path: { TargetId: targetId } }, parseAs: 'text' }));
  }

  async disableTarget(targetId: string): Promise<void> {
    const call: Call = { operation: 'disableTarget', targetId: this.#id('disableTarget', targetId, 'target') };
    await this.#run(call, null, () => this.#http.PATCH('/v1/targets/{TargetId}/disable', { params: { path: { TargetId: targetId } }, parseAs: 'text' }));
  }

  // ---- subscriptions ----

  /** Subscriptions, optionally narrowed by target, Entity and/or Op (there is no get-by-id). */
  async listSubscriptions(query: SubscriptionQuery = {}): Promise<SubscriptionResponse[]> {
    const call: Call = { operation: 'listSubscriptions' };
    if (query.targetId !== undefined) this.#id('listSubscriptions', query.targetId, 'target');
    const filter = {
      ...(query.targetId !== undefined && { TargetId: query.targetId }),
      ...(query.entity !== undefined && { Entity: query.entity }),
      ...(query.op !== undefined && { Op: query.op }),
    };
    const envelope = await this.#run(call, subscriptionItems, () => this.#http.GET('/v1/subscriptions', { params: { query: filter }, parseAs: 'text' }));
    return envelope.Data.Items ?? [];
  }

  async createSubscription(subscription: SubscriptionRequest): Promise<SubscriptionResponse> {
    const call: Call = { operation: 'createSubscription' };
    const body = this.#input(call, subscriptionRequest, subscription);
    const envelope = await this.#run(call, subscriptionItem, () => this.#http.POST('/v1/subscriptions', { body, parseAs: 'text' }));
    return envelope.Data.Item;
  }

  /** Replaces the subscription (TargetId + Entity + Op must stay unique). */
  async updateSubscription(subscriptionId: string, subscription: SubscriptionRequest): Promise<SubscriptionResponse> {
    const call: Call = { operation: 'updateSubscription', subscriptionId: this.#id('updateSubscription', subscriptionId, 'subscription') };
    const body = this.#input(call, subscriptionRequest, subscription);
    const envelope = await this.#run(call, subscriptionItem, () =>
      this.#http.PUT('/v1/subscriptions/{SubscriptionId}', { params: { path: { SubscriptionId: subscriptionId } }, body, parseAs: 'text' }),
    );
    return envelope.Data.Item;
  }

  async deleteSubscription(subscriptionId: string): Promise<void> {
    const call: Call = { operation: 'deleteSubscription', subscriptionId: this.#id('deleteSubscription', subscriptionId, 'subscription') };
    await this.#run(call, null, () =>
      this.#http.DELETE('/v1/subscriptions/{SubscriptionId}', { params: { path: { SubscriptionId: subscriptionId } }, parseAs: 'text' }),
    );
  }

  /** Adds a recipient string (e.g. an e-mail address); adding one already present changes nothing. */
  async addRecipient(subscriptionId: string, recipient: string): Promise<void> {
    const call: Call = {
      operation: 'addRecipient',
      subscriptionId: this.#id('addRecipient', subscriptionId, 'subscription'),
      recipient: this.#recipient('addRecipient', recipient),
    };
    // openapi-fetch percent-encodes path parameters (encodeURIComponent), so "/", "?", "#", "%" and spaces are safe.
    await this.#run(call, null, () =>
      this.#http.PUT('/v1/subscriptions/{SubscriptionId}/recipients/{Recipient}', {
        params: { path: { SubscriptionId: subscriptionId, Recipient: recipient } },
        parseAs: 'text',
      }),
    );
  }

  async removeRecipient(subscriptionId: string, recipient: string): Promise<void> {
    const call: Call = {
      operation: 'removeRecipient',
      subscriptionId: this.#id('removeRecipient', subscriptionId, 'subscription'),
      recipient: this.#recipient('removeRecipient', recipient),
    };
    await this.#run(call, null, () =>
      this.#http.DELETE('/v1/subscriptions/{SubscriptionId}/recipients/{Recipient}', {
        params: { path: { SubscriptionId: subscriptionId, Recipient: recipient } },
        parseAs: 'text',
      }),
    );
  }

  // ---- plumbing ----

  #id(operation: OperationName, id: string, what: 'target' | 'subscription'): string {
    if (typeof id !== 'string' || !GUID.test(id)) throw invalid(`"${String(id)}" is not a valid ${what} id (a UUID is expected).`, operation);
    return id;
  }

  #recipient(operation: OperationName, recipient: string): string {
    if (typeof recipient !== 'string' || recipient.trim() === '') throw invalid('The recipient is empty.', operation);
    return recipient;
  }

  /** Validates (and normalizes) a request body before anything is sent. */
  #input<Schema extends z.ZodType>(call: Call, schema: Schema, value: unknown): z.infer<Schema> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const details = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
    throw invalid(`The request was not sent because it is invalid: ${details.join('; ')}.`, call.operation, details);
  }

  #context(call: Call, url: string): OperationContext {
    return { ...call, url, host: new URL(this.baseUrl).host, token: this.#token };
  }

  /** Sends, then maps the outcome: the validated answer, or a MaximizerError. `null` schema = no content expected. */
  async #run<Schema extends z.ZodType>(call: Call, schema: Schema | null, send: () => Promise<Result>): Promise<z.infer<Schema>> {
    let result: Result;
    try {
      result = await send();
    } catch (error) {
      if (error instanceof TransportFailure) throw transportError(this.#context(call, this.baseUrl), error, this.#timeoutMs);
      throw new MaximizerError({
        kind: 'unexpected',
        operation: call.operation,
        message: `The request could not be made: ${error instanceof Error ? error.message : String(error)}`.replaceAll(this.#token, '[token]'),
      });
    }
    const { response } = result;
    const info = this.#info(response) ?? { attempts: 1 };
    const context = this.#context(call, response.url || this.baseUrl);
    if (!response.ok) {
      throw httpError(context, {
        response,
        body: result.error,
        attempts: info.attempts,
        ...(info.retryAfterMs !== undefined && { retryAfterMs: info.retryAfterMs }),
      });
    }
    if (schema === null) return undefined as z.infer<Schema>;
    const text = typeof result.data === 'string' ? result.data : '';
    if (text.trim() === '') throw badAnswer(context, response, text, 'empty', info.attempts);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badAnswer(context, response, text, 'not-json', info.attempts);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw badAnswer(context, response, text, parsed.error, info.attempts);
    return parsed.data;
  }
}

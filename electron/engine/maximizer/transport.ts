import { backoffDelay, type BackoffOptions } from '../tunnel/backoff';
import { AttemptTimeout, errorCode, errorDetail, TransportFailure, transportRetry } from './network-errors';

/**
 * The HTTP layer under openapi-fetch: one call = up to `maxAttempts` attempts, each with its own
 * timeout covering the whole answer (headers and body), retried by this policy:
 * - GET, PUT, DELETE, PATCH (idempotent here: PUT/DELETE replace or remove, PATCH enable/disable set
 *   a state) are retried on network errors, 5xx and 429.
 * - POST (create) is retried only on 429 and on failures before the request left this computer
 *   (connection refused, DNS, no route): anything else might have created the item already.
 * - Waits grow exponentially with jitter; a Retry-After header (seconds or HTTP-date) is honoured
 *   instead, unless it is longer than `maxRetryAfterMs`, when we give up and report the wait.
 */

export interface RetryPolicy {
  /** Attempts in all, including the first. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** A longer Retry-After is not waited out: the call fails as rate_limited/server with the wait. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  backoff: { initialMs: 500, maxMs: 8_000, factor: 2, jitter: 0.25 },
  maxRetryAfterMs: 60_000,
};

export const DEFAULT_TIMEOUT_MS = 15_000;

export type FetchLike = (request: Request) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  log: (line: string) => void;
}

/** What the transport learnt about a call, keyed by the Response it returned. */
export interface CallInfo {
  attempts: number;
  /** Retry-After of the final answer, in ms from now, when it had one. */
  retryAfterMs?: number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
export const isIdempotent = (method: string) => IDEMPOTENT.has(method.toUpperCase());

/** Statuses worth another attempt (for idempotent calls; POST only on 429). */
export const isRetryableStatus = (status: number) => status === 429 || (status >= 500 && status <= 599);

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // not a date either (e.g. "-5", "1.5")
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Statuses whose Response must not carry a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function createTransport(options: TransportOptions): { fetch: FetchLike; info: (response: Response) => CallInfo | undefined } {
  const infos = new WeakMap<Response, CallInfo>();
  const { retry } = options;

  async function attempt(request: Request, body: ArrayBuffer | undefined): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout(options.timeoutMs)), options.timeoutMs);
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal, redirect: request.redirect };
      if (body !== undefined) init.body = body;
      const response = await options.fetch(new Request(request.url, init));
      // Read the whole answer under the same timeout, so a server that stalls mid-body is caught too.
      const buffer = await response.arrayBuffer();
      return new Response(NULL_BODY.has(response.status) ? null : buffer, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      // An abort carries our AttemptTimeout as its reason, in whatever wrapper fetch threw.
      if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function fetchWithRetries(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const path = new URL(request.url).pathname;
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (let attemptNo = 1; ; attemptNo++) {
      const last = attemptNo >= retry.maxAttempts;
      let response: Response;
      try {
        response = await attempt(request, body);
      } catch (error) {
        const code = errorCode(error) ?? 'UNKNOWN';
        const retryable = transportRetry(code);
        const may = method === 'POST' ? retryable.anyMethod : retryable.idempotent;
        if (last || !may) throw new TransportFailure(code, errorDetail(error), attemptNo);
        const wait = backoffDelay(attemptNo, retry.backoff, options.random);
        options.log(`maximizer: ${method} ${path} failed (${code}); attempt ${attemptNo + 1} of ${retry.maxAttempts} in ${wait} ms`);
        await options.sleep(wait);
        continue;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now());
      const info: CallInfo = { attempts: attemptNo, ...(retryAfterMs !== undefined && { retryAfterMs }) };
      const may = isRetryableStatus(response.status) && (isIdempotent(method) || response.status === 429);
      const tooLong = retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs;
      if (!may || last || tooLong) {
        infos.set(response, info);
        return response;
      }
      const wait = retryAfterMs ?? backoffDelay(attemptNo, retry.backoff, options.random);
      options.log(`maximizer: ${method} ${path} answered HTTP ${response.status}; attempt ${attemptNo + 1} of ${retry.maxAttempts} in ${wait} ms`);
      await options.sleep(wait);
    }
  }

  return { fetch: fetchWithRetries, info: (response) => infos.get(response) };
}

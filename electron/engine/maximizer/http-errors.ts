import type { z } from 'zod';
import { isObject } from '@shared/caseless';
import { MaximizerError, NOT_RETRIED, redact, type OperationContext } from './errors';
import { problemDetails, type ProblemDetails } from './schemas';

// HTTP answers that are errors, or successes we cannot use, as MaximizerErrors with plain-English messages.

function notFoundMessage(context: OperationContext): string {
  switch (context.operation) {
    case 'listTargets':
    case 'listSubscriptions':
      return `Nothing answers at ${context.url}. Check the base URL: it should be the Webhooks API root, such as https://api.maximizer.com/webhooks.`;
    case 'addRecipient':
      return `Subscription ${context.subscriptionId} no longer exists (it may have been deleted elsewhere). Refresh the list.`;
    case 'removeRecipient':
      return `Subscription ${context.subscriptionId} no longer exists, or "${context.recipient}" is not one of its recipients. Refresh the list.`;
    case 'updateSubscription':
    case 'deleteSubscription':
      return `Subscription ${context.subscriptionId} no longer exists (it may have been deleted elsewhere). Refresh the list.`;
    default:
      return `Target ${context.targetId} no longer exists (it may have been deleted elsewhere). Refresh the list.`;
  }
}

function conflictMessage(context: OperationContext): string {
  switch (context.operation) {
    case 'createTarget':
    case 'updateTarget':
      return 'Maximizer refused: another target already has this name, or the CRM already has the most targets it allows (10 is the documented "current limit").';
    case 'createSubscription':
    case 'updateSubscription':
      return 'This target already has a subscription for the same Entity and Op; change that subscription instead.';
    default:
      return 'Maximizer reported a conflict with the current state. Refresh and try again.';
  }
}

/** Reason phrases add nothing to our own sentence, so a Title equal to one is not repeated. */
const GENERIC_TITLES =
  /^(bad request|unauthorized|forbidden|not found|conflict|too many requests|internal server error|service unavailable|bad gateway|gateway timeout|one or more validation errors occurred\.?|an error occurred while processing your request\.?)$/i;

/** ASP.NET's ValidationProblemDetails `errors`: `{ "Endpoint.Url": ["..."] }`. */
function validationDetails(problem: ProblemDetails | undefined): string[] {
  const errors = problem?.['Errors'];
  if (!isObject(errors)) return [];
  const out: string[] = [];
  for (const [field, messages] of Object.entries(errors)) {
    const list = Array.isArray(messages) ? messages : [messages];
    for (const message of list) if (typeof message === 'string' || typeof message === 'number') out.push(`${field}: ${message}`);
  }
  return out;
}

/** The server's problem with every occurrence of the token masked, since it is kept and may be shown or logged. */
function redactDeep<T>(value: T, token: string, depth = 0): T {
  if (typeof value === 'string') return redact(value, token) as T;
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, token, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, token, depth + 1)])) as T;
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** What the server itself said, for appending to our sentence. */
function serverSaid(problem: ProblemDetails | undefined, rawText: string | undefined, details: string[], token: string): string | undefined {
  const parts: string[] = [];
  const title = problem?.Title?.trim();
  // API gateways in front of a service often answer `{ "message": "..." }` instead of ProblemDetails.
  const message = problem?.['Message'];
  const detail = problem?.Detail?.trim() || (typeof message === 'string' ? message.trim() : undefined);
  if (title && !GENERIC_TITLES.test(title) && title !== detail) parts.push(sentence(title));
  if (detail) parts.push(sentence(detail));
  if (parts.length === 0 && details.length > 0) parts.push(sentence(details.join('; ')));
  if (parts.length === 0 && rawText?.trim() && !problem) parts.push(sentence(rawText.trim()));
  if (parts.length === 0) return undefined;
  return clip(redact(parts.join(' '), token));
}

function statusLine(response: Response): string {
  return response.statusText ? `HTTP ${response.status} ${response.statusText}` : `HTTP ${response.status}`;
}

function looksLikeHtml(contentType: string | null, text: string | undefined): boolean {
  return /html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text ?? '');
}

export interface HttpFailure {
  response: Response;
  /** The body as openapi-fetch returned it: parsed JSON when it was JSON, else the text. */
  body: unknown;
  attempts: number;
  retryAfterMs?: number;
}

/** Maps an HTTP error answer to a MaximizerError, using ProblemDetails when the server sent them. */
export function httpError(context: OperationContext, failure: HttpFailure): MaximizerError {
  const { response, body, attempts } = failure;
  const status = response.status;
  const parsed = body === undefined ? undefined : problemDetails.safeParse(body);
  const problem = parsed?.success ? redactDeep(parsed.data, context.token) : undefined;
  const rawText = typeof body === 'string' ? body : undefined;
  const details = validationDetails(problem).map((line) => redact(line, context.token));
  const html = looksLikeHtml(response.headers.get('content-type'), rawText);
  const said = html ? undefined : serverSaid(problem, rawText, details, context.token);
  const withSaid = (base: string) => (said ? `${base} Maximizer said: "${said}"` : base);
  // Only the sandbox sends it; shown as a "sandbox assumption" note so nobody hard-codes a guess.
  const assumption = response.headers.get('x-sandbox-assumption')?.slice(0, 200) || undefined;
  const common = { status, attempts, operation: context.operation, fieldErrors: details, ...(problem && { problem }), ...(assumption && { assumption }) };

  switch (status) {
    case 400:
      return new MaximizerError({
        ...common,
        kind: 'validation',
        message: withSaid('Maximizer rejected the request as invalid.'),
      });
    case 401:
      return new MaximizerError({
        ...common,
        kind: 'unauthorized',
        message: withSaid(
          'The token was rejected: it is wrong or has expired. Create a new Personal Access Token in Maximizer (or sign in again for an OAuth token) and paste it here.',
        ),
      });
    case 403:
      return new MaximizerError({
        ...common,
        kind: 'forbidden',
        message: withSaid(
          "This token's user is not an Administrator of the Maximizer CRM instance; only administrators can manage webhooks. Use a token created by an administrator.",
        ),
      });
    case 404:
      return new MaximizerError({ ...common, kind: 'not_found', message: withSaid(notFoundMessage(context)) });
    case 409:
      return new MaximizerError({ ...common, kind: 'conflict', message: withSaid(conflictMessage(context)) });
    case 429: {
      const wait = failure.retryAfterMs;
      const when = wait !== undefined ? `in ${Math.max(1, Math.ceil(wait / 1000))} seconds` : 'in a minute';
      return new MaximizerError({
        ...common,
        kind: 'rate_limited',
        ...(wait !== undefined && { retryAfterMs: wait }),
        message: withSaid(`Maximizer is limiting how often this token may call the API (HTTP 429). Try again ${when}.`),
      });
    }
  }
  if (status >= 500) {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const unsure = NOT_RETRIED.has(context.operation)
      ? ' It may or may not have been saved: refresh the list before trying again.'
      : ' Try again in a few minutes.';
    return new MaximizerError({
      ...common,
      kind: 'server',
      ...(failure.retryAfterMs !== undefined && { retryAfterMs: failure.retryAfterMs }),
      message: withSaid(`Maximizer had a problem on its side (${statusLine(response)})${tries}.${unsure}`),
    });
  }
  if (html) {
    return new MaximizerError({
      ...common,
      kind: 'unexpected',
      message: `The server at ${context.host} answered with a web page (${statusLine(response)}) instead of the Maximizer Webhooks API. Check the base URL, and any proxy or Wi-Fi sign-in page.`,
    });
  }
  return new MaximizerError({
    ...common,
    kind: 'unexpected',
    message: withSaid(
      `The server at ${context.host} answered ${statusLine(response)}, which the Maximizer Webhooks API does not send for this request. Check the base URL.`,
    ),
  });
}

/** A success answer we cannot use: not JSON, empty, a web page, or not the documented shape. */
export function badAnswer(
  context: OperationContext,
  response: Response,
  text: string | undefined,
  issues: z.ZodError | 'not-json' | 'empty',
  attempts: number,
): MaximizerError {
  const common = { status: response.status, attempts, operation: context.operation };
  if (issues === 'empty') {
    return new MaximizerError({
      ...common,
      kind: 'unexpected',
      message: `The server at ${context.host} answered ${statusLine(response)} with no content, where the Maximizer Webhooks API sends the result. Check the base URL.`,
    });
  }
  if (issues === 'not-json') {
    const what = looksLikeHtml(response.headers.get('content-type'), text)
      ? 'a web page'
      : `something that is not JSON ("${clip(redact((text ?? '').trim(), context.token), 60)}")`;
    return new MaximizerError({
      ...common,
      kind: 'unexpected',
      message: `The server at ${context.host} answered with ${what} instead of the Maximizer Webhooks API's JSON. Check the base URL, and any proxy or Wi-Fi sign-in page.`,
    });
  }
  const details = issues.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  return new MaximizerError({
    ...common,
    kind: 'unexpected',
    fieldErrors: details,
    message: `Maximizer's answer did not have the documented shape (${clip(details.slice(0, 3).join('; '), 200)}), so it was not used. The API may have changed; please report this.`,
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '') || '(the answer)'
  );
}

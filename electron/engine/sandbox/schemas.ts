import { z } from 'zod';
import { isHttpUrl } from '@shared/http-url';
import { caselessObject } from '@shared/caseless';
import { formatFilterErrors, parseFilter } from '@shared/filters';
import { GENERATED_KINDS } from './generator';

/**
 * Request bodies of the management API and of the sandbox's control endpoints.
 * Property names match ignoring case and unknown properties are ignored, as ASP.NET's
 * System.Text.Json does for the real service (CONTRACT §2 [ASSUME]); so a `TargetId` sent in a
 * TargetRequest is simply dropped (ids are server-generated).
 */
const caseless = <Shape extends z.core.$ZodShape>(shape: Shape, what: string) =>
  caselessObject(shape, (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a JSON object`));

const required = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? `${what} is required` : undefined) });

/** An RFC 9110 token: a header name Node can send. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the sender computes itself; configuring them would corrupt the request. */
const MANAGED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'host']);

const header = caseless(
  {
    Key: z
      .string(required('Headers[].Key'))
      .regex(HEADER_NAME, 'Headers[].Key must be a valid HTTP header name')
      .refine((name) => !MANAGED_HEADERS.has(name.toLowerCase()), { message: 'this header is set by the sender and cannot be configured' }),
    Value: z
      .string()
      .regex(/^[^\r\n\0]*$/, 'Headers[].Value must not contain line breaks')
      .nullable()
      .optional(),
  },
  'a header',
);

const url = z.string(required('Endpoint.Url')).refine(
  isHttpUrl,
  { message: 'Endpoint.Url must be an absolute http:// or https:// URL' },
);

export const targetRequest = caseless(
  {
    Name: z.string().nullable().optional(),
    Endpoint: caseless({ Url: url, Headers: z.array(header).nullable().optional() }, 'Endpoint'),
  },
  'the request body',
);
export type TargetRequest = z.infer<typeof targetRequest>;

const nonBlank = (what: string) => z.string(required(what)).refine((text) => text.trim() !== '', { message: `${what} must not be empty` });

export const subscriptionRequest = caseless(
  {
    Entity: nonBlank('Entity'),
    Op: nonBlank('Op'),
    TargetId: z.guid({ error: (issue) => (issue.input === undefined || issue.input === null ? 'TargetId is required' : 'TargetId must be a UUID') }),
    Recipients: z.array(z.string()).nullable().optional(),
    Filter: z
      .array(z.unknown())
      .nullable()
      .optional()
      .superRefine((strings, context) => {
        const parsed = parseFilter(strings);
        if (!parsed.ok) context.addIssue({ code: 'custom', message: formatFilterErrors(parsed.errors, strings) });
      }),
  },
  'the request body',
);
export type SubscriptionRequest = z.infer<typeof subscriptionRequest>;

const record = z.record(z.string(), z.unknown()).nullable().optional();

/** `POST /sandbox/events`: one event to emit; the sandbox fills the rest (see events.ts). */
export const emitRequest = caseless(
  {
    Entity: nonBlank('Entity'),
    Op: nonBlank('Op'),
    Original: record,
    New: record,
    Version: z.union([z.string(), z.number()]).nullable().optional(),
  },
  'the request body',
);

/** `POST /sandbox/generate`: one event of a generator kind now (a random kind when Kind is absent). */
export const generateRequest = caseless({ Kind: z.enum(GENERATED_KINDS).optional() }, 'the request body');

/** Validation errors as ASP.NET reports them: a readable Detail plus `Errors` by property path. */
export function describeIssues(error: z.ZodError): { detail: string; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') || '$';
    (errors[path] ??= []).push(issue.message);
  }
  const detail = Object.entries(errors)
    .map(([path, messages]) => (path === '$' ? messages.join('; ') : `${path}: ${messages.join('; ')}`))
    .join('\n');
  return { detail, errors };
}

import { z } from 'zod';
import { isHttpUrl } from '@shared/http-url';
import { caselessLooseObject, caselessObject } from '@shared/caseless-schema';
import { formatFilterErrors, parseFilter } from '@shared/filters';

/**
 * The Webhooks API's request and response shapes, written once; the client's types are inferred from
 * them. test/unit/maximizer/schemas.test.ts holds them against every schema of the OpenAPI document
 * (../shared/maximizer/webhooks-openapi.json) and types.assert.ts against the generated openapi.d.ts.
 *
 * Deliberate differences from the document, all pinned by those tests:
 * - Property names match ignoring case (the document says PascalCase; ASP.NET servers often answer
 *   in camelCase), and unknown properties are tolerated: dropped, except on ProblemDetails, whose
 *   extension members (e.g. ASP.NET's `errors`) are kept under a PascalCase name.
 * - The document marks every property optional. A few are required here because nothing useful can
 *   be done without them; each is commented "required beyond the document" below.
 * - Response URLs are not format-checked (shown as text); request URLs must be absolute http(s).
 * - Request bodies are checked as strictly as Maximizer (and Node, which sends the target's headers)
 *   would: header names are RFC 9110 tokens and never a header the sender computes, values hold no
 *   line break, Entity and Op are not blank, and Filter parses (shared/filters). One definition serves
 *   the client (nothing invalid is sent) and the sandbox (which answers ASP.NET-style 400s with these
 *   messages, see electron/engine/sandbox/api.ts). Response schemas stay loose: we read what we get.
 */

/** An object whose property names match ignoring case; unknown properties are dropped. */
const caseless = <Shape extends z.core.$ZodShape>(shape: Shape) => caselessObject(shape);

/** Like `caseless`, but unknown properties are kept (PascalCased). */
const caselessLoose = caselessLooseObject;

/** A .NET Guid as text (any version nibble, as ASP.NET accepts and emits). */
const guid = z.guid({ error: 'must be a UUID' });
const optionalText = z.string().nullable().optional();

/**
 * A request DTO: like `caseless`, and when the object itself is missing or not an object, the message
 * names it ("Endpoint is required") as ASP.NET's model validation does.
 */
export const requestObject = <Shape extends z.core.$ZodShape>(shape: Shape, what: string) =>
  caselessObject(shape, (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a JSON object`));

const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? `${what} is required` : undefined),
});

/** Required text with something other than white space in it. */
export const nonBlank = (what: string) => z.string(required(what)).refine((text) => text.trim() !== '', { message: `${what} must not be empty` });

/** An RFC 9110 token: a header name Node can send. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the sender computes itself; configuring them would corrupt the request. */
const MANAGED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'host']);

const httpUrl = z.string(required('Endpoint.Url')).refine(isHttpUrl, { message: 'Endpoint.Url must be an absolute http:// or https:// URL' });

// ---- components ----

/** `Header` as Maximizer answers it. */
export const header = caseless({ Key: optionalText, Value: optionalText });
export type Header = z.infer<typeof header>;

/** `Header` as we send it: Key required beyond the document (a header without a name cannot be sent). */
export const headerRequest = requestObject(
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
export type HeaderRequest = z.infer<typeof headerRequest>;

/**
 * A target's headers as read, ready to send back (PUT replaces the whole target): a header answered
 * without a name cannot be sent, and was never delivered, so it is dropped.
 */
export const resendableHeaders = (headers: readonly Header[] | null | undefined): HeaderRequest[] =>
  (headers ?? []).flatMap((h) => (h.Key ? [{ ...h, Key: h.Key }] : []));

/** `TargetWebHookEndpointDto` as Maximizer answers it. */
export const targetEndpoint = caseless({
  Url: optionalText,
  Headers: z.array(header).nullable().optional(),
});
export type TargetEndpoint = z.infer<typeof targetEndpoint>;

/** `TargetWebHookEndpointDto` as we send it. */
export const targetEndpointRequest = requestObject(
  {
    Url: httpUrl, // required beyond the document: a target without a URL cannot receive anything
    Headers: z.array(headerRequest).nullable().optional(),
  },
  'Endpoint',
);
export type TargetEndpointRequest = z.infer<typeof targetEndpointRequest>;

/**
 * `TargetRequestDto`: body of createTarget and updateTarget (PUT replaces the whole target). Unknown
 * properties are dropped, so a `TargetId` in it is ignored (ids are server-generated).
 */
export const targetRequest = requestObject(
  {
    Name: optionalText,
    Endpoint: targetEndpointRequest, // required beyond the document (see Url)
  },
  'the request body',
);
export type TargetRequest = z.infer<typeof targetRequest>;

/** `TargetResponseDto`. */
export const targetResponse = caseless({
  TargetId: guid, // required beyond the document: every later call on the target needs it
  Name: optionalText,
  Enabled: z.boolean().optional(),
  Endpoint: targetEndpoint.optional(),
});
export type TargetResponse = z.infer<typeof targetResponse>;

/** `SubscriptionRequestDto`: body of createSubscription and updateSubscription. */
export const subscriptionRequest = requestObject(
  {
    // The three below are required beyond the document: together they are the subscription's identity.
    Entity: nonBlank('Entity'),
    Op: nonBlank('Op'),
    TargetId: z.guid({ error: (issue) => (issue.input === undefined || issue.input === null ? 'TargetId is required' : 'TargetId must be a UUID') }),
    Recipients: z.array(z.string()).nullable().optional(),
    /** JSON-encoded condition strings (CONTRACT §3; the document types the items as anything), as Maximizer parses them. */
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

/** `SubscriptionResponseDto`. */
export const subscriptionResponse = caseless({
  SubscriptionId: guid, // required beyond the document: every later call on the subscription needs it
  Entity: optionalText,
  Op: optionalText,
  TargetId: guid, // required beyond the document: which target it delivers to
  Recipients: z.array(z.string()).nullable().optional(),
  Filter: z.array(z.unknown()).nullable().optional(),
});
export type SubscriptionResponse = z.infer<typeof subscriptionResponse>;

/** RFC 7807 problem details; every member optional, extension members kept. */
export const problemDetails = caselessLoose({
  Type: optionalText,
  Title: optionalText,
  Status: z.int32().nullable().optional(),
  Detail: optionalText,
  Instance: optionalText,
});
export type ProblemDetails = z.infer<typeof problemDetails>;

// ---- envelopes ----

/** `{ Item }` inside a single-item envelope; Item is required beyond the document (the answer is the item). */
export const singleData = <Item extends z.ZodType>(item: Item) => caseless({ Item: item });

/** `{ Items }` inside a list envelope: Items may be null or absent, meaning no items. */
export const listData = <Item extends z.ZodType>(item: Item) => caseless({ Items: z.array(item).nullable().optional() });

/** `{ Data: { Item } }`; Data is required beyond the document. */
export const singleEnvelope = <Item extends z.ZodType>(item: Item) => caseless({ Data: singleData(item) });

/** `{ Data: { Items } }`; Data is required beyond the document. */
export const listEnvelope = <Item extends z.ZodType>(item: Item) => caseless({ Data: listData(item) });

export const targetItem = singleEnvelope(targetResponse);
export const targetItems = listEnvelope(targetResponse);
export const subscriptionItem = singleEnvelope(subscriptionResponse);
export const subscriptionItems = listEnvelope(subscriptionResponse);

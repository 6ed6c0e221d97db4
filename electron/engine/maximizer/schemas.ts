import { z } from 'zod';
import { isHttpUrl } from '@shared/http-url';
import { caselessLooseObject, caselessObject } from '@shared/caseless';

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
 */

/** An object whose property names match ignoring case; unknown properties are dropped. */
const caseless = <Shape extends z.core.$ZodShape>(shape: Shape) => caselessObject(shape);

/** Like `caseless`, but unknown properties are kept (PascalCased). */
const caselessLoose = caselessLooseObject;

/** A .NET Guid as text (any version nibble, as ASP.NET accepts and emits). */
const guid = z.guid({ error: 'must be a UUID' });
const optionalText = z.string().nullable().optional();

const httpUrl = z.string({ error: 'Endpoint.Url is required' }).refine(
  isHttpUrl,
  { message: 'Endpoint.Url must be an absolute http:// or https:// URL' },
);

// ---- components ----

export const header = caseless({ Key: optionalText, Value: optionalText });
export type Header = z.infer<typeof header>;

/** `TargetWebHookEndpointDto` as Maximizer answers it. */
export const targetEndpoint = caseless({
  Url: optionalText,
  Headers: z.array(header).nullable().optional(),
});
export type TargetEndpoint = z.infer<typeof targetEndpoint>;

/** `TargetWebHookEndpointDto` as we send it. */
export const targetEndpointRequest = caseless({
  Url: httpUrl, // required beyond the document: a target without a URL cannot receive anything
  Headers: z.array(header).nullable().optional(),
});
export type TargetEndpointRequest = z.infer<typeof targetEndpointRequest>;

/** `TargetRequestDto`: body of createTarget and updateTarget (PUT replaces the whole target). */
export const targetRequest = caseless({
  Name: optionalText,
  Endpoint: targetEndpointRequest, // required beyond the document (see Url)
});
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
export const subscriptionRequest = caseless({
  // The three below are required beyond the document: together they are the subscription's identity.
  Entity: z.string({ error: 'Entity is required' }).min(1, 'Entity must not be empty'),
  Op: z.string({ error: 'Op is required' }).min(1, 'Op must not be empty'),
  TargetId: guid,
  Recipients: z.array(z.string()).nullable().optional(),
  /** In practice JSON-encoded strings (CONTRACT §3); the document types the items as anything. */
  Filter: z.array(z.unknown()).nullable().optional(),
});
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

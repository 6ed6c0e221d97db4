import { z } from 'zod';
import type { EventSummary } from '@shared/contract';
import { maskSecretHeaders, maskSecretQuery } from '@shared/secret-mask';
import type { StoredRequest } from '../store';

/**
 * The export format (NDJSON: a header line, then one event per line; JSON: the same inside
 * `{ ...header, events: [...] }`). Each event carries its raw requests with the body as base64,
 * so an import restores the exact bytes. Validated with zod on import: the file is user input.
 */
export const EXPORT_FORMAT = 'maximizer-webhook-inspector/events';
export const EXPORT_VERSION = 1;

/** The methods HTTP defines (RFC 9110, RFC 5789): an import refuses anything else, which would only end up in a replay or a "Copy as cURL". */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
export const httpMethod = z
  .string()
  .transform((m) => m.toUpperCase())
  .pipe(z.enum(HTTP_METHODS, { error: (issue) => `not an HTTP method: ${JSON.stringify(String(issue.input).slice(0, 20))}` }));

export const exportedRequest = z.object({
  id: z.number().int().optional(),
  receivedAt: z.number(),
  ackAt: z.number().nullable().optional(),
  method: httpMethod.default('POST'),
  path: z.string().default('/hooks'),
  query: z.string().default(''),
  headers: z.array(z.tuple([z.string(), z.string()])).default([]),
  /** The decoded body (what the events were parsed from). */
  bodyBase64: z.string(),
  /** The bytes as they came over the wire, when a Content-Encoding (gzip…) was undone. */
  bodyEncodedBase64: z.string().nullable().optional(),
  contentEncoding: z.string().nullable().optional(),
  decodeError: z.string().nullable().optional(),
  remoteAddress: z.string().default(''),
  status: z.number().int().optional(),
  origin: z.string().optional(),
});
export type ExportedRequest = z.infer<typeof exportedRequest>;

export const exportedEvent = z.object({
  type: z.literal('event').optional(),
  id: z.number().int().optional(),
  webhookId: z.string().nullable().optional(),
  entity: z.string().nullable().optional(),
  op: z.string().nullable().optional(),
  version: z.string().nullable().optional(),
  origin: z.string().optional(),
  attempts: z.number().int().optional(),
  receivedAt: z.number().optional(),
  lastReceivedAt: z.number().optional(),
  parseError: z.string().nullable().optional(),
  summary: z.string().optional(),
  /** The event's own JSON text within its body. */
  payload: z.string().optional(),
  /** Every request (attempt) of the event, oldest first. */
  requests: z.array(exportedRequest).min(1),
});
export type ExportedEvent = z.infer<typeof exportedEvent>;

export const exportHeader = z.object({
  type: z.literal('header'),
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  count: z.number().int(),
});

export function exportRequest(r: StoredRequest, includeSecrets: boolean): ExportedRequest {
  return {
    id: r.id,
    receivedAt: r.receivedAt,
    ackAt: r.ackAt,
    // Stored methods are the receiver's POST or an import's, which was checked against HTTP_METHODS.
    method: r.method as ExportedRequest['method'],
    path: r.path,
    query: includeSecrets ? r.query : maskSecretQuery(r.query),
    headers: includeSecrets ? r.headers : maskSecretHeaders(r.headers),
    bodyBase64: r.body.toString('base64'),
    ...(r.bodyEncoded ? { bodyEncodedBase64: r.bodyEncoded.toString('base64') } : {}),
    contentEncoding: r.contentEncoding,
    ...(r.decodeError ? { decodeError: r.decodeError } : {}),
    remoteAddress: r.remote,
    status: r.status,
    origin: r.origin,
  };
}

export function exportEvent(event: EventSummary & { payload: string }, requests: ExportedRequest[]): ExportedEvent & { type: 'event' } {
  return {
    type: 'event',
    id: event.id,
    webhookId: event.webhookId,
    entity: event.entity,
    op: event.op,
    version: event.version,
    origin: event.origin,
    attempts: event.attempts,
    receivedAt: event.receivedAt,
    lastReceivedAt: event.lastReceivedAt,
    ...(event.parseError ? { parseError: event.parseError } : {}),
    summary: event.summary,
    payload: event.payload,
    requests,
  };
}

import { z } from 'zod';
import { call, noInput } from './define';
import { driftKinds } from '../shapes/drift';
import { driftItem } from './shapes';

/** What the list shows for one event: cheap columns only, never the payload. */
export const eventSummary = z.object({
  id: z.number().int(),
  webhookId: z.string().nullable(),
  entity: z.string().nullable(),
  op: z.string().nullable(),
  version: z.string().nullable(),
  attempts: z.number().int(),
  receivedAt: z.number(),
  lastReceivedAt: z.number(),
  size: z.number().int(),
  summary: z.string(),
  recordKey: z.string().nullable(),
  parseError: z.string().optional(),
  /**
   * Set when indexing this event hit a bound (depth, values, size) or failed at a step (parse, diff,
   * shapes, field index, summary): the event is listed with what could be computed; its raw request is kept.
   */
  indexError: z.string().optional(),
  /** Where the event came from: Maximizer (received), the built-in sandbox, an import, an edited replay or a test event. */
  origin: z.enum(['received', 'sandbox', 'imported', 'test', 'edited']).default('received'),
  /** What this event changed in its shape (a new field, type, missing field, new major): see docs/shapes.md. */
  drift: z.array(z.enum(driftKinds)).optional(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const rawRequest = z.object({
  id: z.number().int(),
  receivedAt: z.number(),
  ackAt: z.number().nullable(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  /** Body bytes as base64: exactly what arrived (after transfer decoding only). */
  bodyBase64: z.string(),
  /** The Content-Encoding the body arrived with, before we decoded it. */
  contentEncoding: z.string().nullable(),
  remoteAddress: z.string(),
  status: z.number().int(),
});
export type RawRequest = z.infer<typeof rawRequest>;

export const eventDetail = eventSummary.extend({
  timestamp: z.string().nullable(),
  processedTimestamp: z.string().nullable(),
  workspaceId: z.string().nullable(),
  recipients: z.unknown(),
  original: z.unknown(),
  new: z.unknown(),
  /** The event's own JSON text as it stood in the body (one element of an array body). */
  payload: z.string(),
  requests: z.array(rawRequest),
  /** What this event changed in its shape, one line each (empty when nothing). */
  driftItems: z.array(driftItem).default([]),
});
export type EventDetail = z.infer<typeof eventDetail>;

export const listEventsInput = z
  .object({
    entity: z.string().optional(),
    op: z.string().optional(),
    /** Search over the payload: words AND-ed and prefix-matched, "quoted phrases" (' or "), emoji and punctuation matched literally. */
    text: z.string().optional(),
    /** Only events whose Original or New has this field (case-insensitive; `Address.City` for a nested one). */
    // SQLite's FTS5 cannot take a NUL in a MATCH phrase (it failed as a 500); no field name has one.
    hasField: z
      .string()
      .regex(/^\P{Cc}*$/u, 'A field name has no control characters (NUL, tab, newline, …)')
      .optional(),
    since: z.number().optional(),
    until: z.number().optional(),
    recordKey: z.string().optional(),
    parseErrorsOnly: z.boolean().optional(),
    /** Only events that brought drift to their shape. */
    driftOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Opaque cursor from a previous page's `nextCursor`. */
    before: z.string().optional(),
  })
  .default({ limit: 100 });
export type ListEventsQuery = z.input<typeof listEventsInput>;

export const rejection = z.object({
  id: z.number().int(),
  receivedAt: z.number(),
  status: z.number().int(),
  reason: z.string(),
  method: z.string(),
  path: z.string(),
  remoteAddress: z.string(),
});
export type Rejection = z.infer<typeof rejection>;

/** Every refused request is counted here, even once its own row was dropped from the bounded log. */
export const rejectionTotal = z.object({ status: z.number().int(), remote: z.string(), count: z.number().int(), lastAt: z.number() });
export type RejectionTotal = z.infer<typeof rejectionTotal>;

export const receiverStatus = z.object({
  /** Ready-to-POST URL on this machine, secret included. */
  localUrl: z.string(),
  port: z.number().int(),
  secret: z.string(),
  maxBodyBytes: z.number().int(),
  /** How often the receiver thread died and was restarted since the app started, and why the last time. */
  restarts: z.number().int().default(0),
  lastRestart: z.object({ at: z.number(), reason: z.string() }).optional(),
  /** Set after `rotateSecret`: the replaced secret is still accepted until then. */
  previousSecretUntil: z.number().optional(),
});
export type ReceiverStatus = z.infer<typeof receiverStatus>;

/** One event of a record, with its data, for the record timeline. */
export const recordEvent = eventSummary.extend({
  timestamp: z.string().nullable(),
  original: z.unknown(),
  new: z.unknown(),
});
export type RecordEvent = z.infer<typeof recordEvent>;

export const inspectorCalls = {
  listEvents: call(
    listEventsInput,
    z.object({ items: z.array(eventSummary), nextCursor: z.string().optional(), total: z.number().int().optional() }),
    'Events newest first; filters: entity, op, text (full-text), hasField, since/until, recordKey; paged by `before`.',
  ),
  countEvents: call(
    listEventsInput.unwrap().omit({ limit: true, before: true }).default({}),
    z.object({ count: z.number().int(), exact: z.boolean() }),
    'How many events match the same filters as listEvents: exact, except a search combined with other filters past 100,000 (exact: false, count is the cap).',
  ),
  getEvent: call(
    z.object({
      id: z.number().int(),
      /** Show the receiver secret in the raw requests' headers and query; masked (`REDACTED`) by default. */
      revealSecrets: z.boolean().optional(),
    }),
    eventDetail,
    'One event with its parsed payload, attempts and raw requests (the receiver secret masked unless revealSecrets).',
  ),
  listRejections: call(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).default({ limit: 100 }),
    z.object({ items: z.array(rejection), totals: z.array(rejectionTotal) }),
    'Requests the receiver refused (401 wrong secret, 405, 413 too large, 408 timed out), newest first (the last 2000 kept), with totals per status and remote address.',
  ),
  clearEvents: call(noInput, z.object({ deleted: z.number().int() }), 'Delete every stored event and request.'),
  deleteEvents: call(
    z.object({ ids: z.array(z.number().int()).min(1).max(10_000) }),
    z.object({ deleted: z.number().int() }),
    'Delete the given events (and their requests when no other event shares them).',
  ),
  entityVersions: call(
    noInput,
    z.object({ items: z.array(z.object({ entity: z.string(), version: z.string(), count: z.number().int(), lastSeen: z.number() })) }),
    'Each Entity and Version seen, with counts: drives the version badges and major-version warnings.',
  ),
  recordEvents: call(
    z.object({ recordKey: z.string().min(1), limit: z.number().int().min(1).max(1000).default(200) }),
    z.object({ items: z.array(recordEvent), more: z.boolean() }),
    'The latest events of one record (same Key), oldest first, with Original and New: the record timeline.',
  ),
};

export const inspectorEvents = {
  /** Emitted after the receiver committed new events (never before the ack could be sent). */
  'events.received': z.object({ items: z.array(eventSummary) }),
  /** An existing event got another attempt (same webhook Id). */
  'events.attempt': z.object({ id: z.number().int(), attempts: z.number().int(), lastReceivedAt: z.number() }),
  'events.cleared': z.object({}),
  /** Some events were deleted (deleteEvents). */
  'events.deleted': z.object({ ids: z.array(z.number().int()) }),
  'rejections.added': z.object({ item: rejection }),
  /** More rejections than the UI is sent one by one (a flood): this many were only counted. */
  'rejections.skipped': z.object({ count: z.number().int() }),
  /** The receiver restarted after its thread died, or its secret was rotated. */
  'receiver.changed': receiverStatus,
};

import { z } from 'zod';
import { sampleKind } from '../samples/schema';
import { call, noInput } from './define';
import { listEventsInput } from './inspector';

/** Maximizer's delivery rules (CONTRACT.md §4): a 200 within 2 s, else two more attempts with the same body. */
export const MAXIMIZER_DEADLINE_MS = 2_000;
export const MAXIMIZER_ATTEMPTS = 3;

export const httpUrl = z.url({ protocol: /^https?$/, error: 'A forward URL is an http:// or https:// URL' });
/** Maximizer filter strings, as a subscription's `Filter` (one string is one condition). */
export const filterInput = z.union([
  z
    .string()
    .min(1)
    .transform((s) => [s]),
  z.array(z.string().min(1)),
]);
export const optionalName = z
  .string()
  .trim()
  .transform((s) => (s === '' || s === '*' ? null : s))
  .nullable()
  .optional();

export const forwardRule = z.object({
  id: z.string(),
  url: z.string(),
  /** null: any Entity (compared ignoring case, like a subscription). */
  entity: z.string().nullable(),
  op: z.string().nullable(),
  /** Maximizer filter strings, ANDed, checked with the shared filter engine. */
  filter: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.number(),
});
export type ForwardRule = z.infer<typeof forwardRule>;

export const forwardingSettings = z.object({
  /** Pause between attempts; Maximizer's "short delay" is undocumented (the sandbox uses 1 s). */
  retryDelayMs: z.number().int().min(0).max(60_000),
  /** After the 2 s deadline, how long to keep listening so a late answer can still be shown. */
  lateGraceMs: z.number().int().min(0).max(120_000),
  /** Response bodies are kept up to this size. */
  responseCapBytes: z.number().int().min(0).max(1_048_576),
});
export type ForwardingSettings = z.infer<typeof forwardingSettings>;

export const attemptOutcome = z.enum(['ok', 'status', 'timeout', 'error']);
export type AttemptOutcome = z.infer<typeof attemptOutcome>;

export const forwardAttempt = z.object({
  /** 1, 2 or 3. */
  attempt: z.number().int(),
  startedAt: z.number(),
  /** Until the response was complete; null when none came (not even late). */
  latencyMs: z.number().nullable(),
  /** What the handler answered, even after the deadline (see `late`); null if nothing came. */
  status: z.number().int().nullable(),
  /** ok: 200 within 2 s. status: another status (201 and 204 too). timeout: nothing complete within 2 s. error: no HTTP answer. */
  outcome: attemptOutcome,
  /** The answer arrived after Maximizer would already have given up. */
  late: z.boolean(),
  /** Why Maximizer would count this attempt as failed; null for a success. */
  reason: z.string().nullable(),
  responseHeaders: z.array(z.tuple([z.string(), z.string()])),
  /** UTF-8 text of the response body, up to the cap. */
  responseBody: z.string(),
  responseSize: z.number().int(),
  responseTruncated: z.boolean(),
});
export type ForwardAttempt = z.infer<typeof forwardAttempt>;

export const deliveryKind = z.enum(['forward', 'replay', 'test']);
export const deliveryState = z.enum(['pending', 'delivered', 'failed', 'cancelled']);
/** retry: Maximizer would have retried (a failed attempt). drop: all attempts failed, Maximizer would discard it. */
export const deliveryFlag = z.enum(['retry', 'drop']).nullable();

export const forwardDelivery = z.object({
  id: z.number().int(),
  kind: deliveryKind,
  ruleId: z.string().nullable(),
  url: z.string(),
  /** The stored request whose bytes were sent; null for a test event sent straight to a URL. */
  requestId: z.number().int().nullable(),
  eventIds: z.array(z.number().int()),
  webhookIds: z.array(z.string()),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  state: deliveryState,
  flag: deliveryFlag,
  /** One line for the user, e.g. "Maximizer would drop this webhook: 3 attempts failed". */
  verdict: z.string(),
  maxAttempts: z.number().int(),
  attempts: z.array(forwardAttempt),
});
export type ForwardDelivery = z.infer<typeof forwardDelivery>;

/** What the receiver answers to stored webhooks, to watch Maximizer's (or the sandbox's) retries. Not persisted. */
export const receiverResponse = z.object({
  /** Answer to every stored webhook (200 is the normal acknowledgement). */
  status: z.number().int().min(200).max(599),
  /** Wait this long after the commit before answering (over 2000 ms, Maximizer counts a failure). */
  delayMs: z.number().int().min(0).max(60_000),
  /** The next N stored webhooks get `failStatus` instead; counts down. */
  failNext: z.number().int().min(0).max(1_000),
  failStatus: z.number().int().min(200).max(599),
  /** A custom response body (sent as is; empty means the default JSON acknowledgement). */
  body: z
    .string()
    .max(64 * 1024)
    .optional(),
  /** Extra response headers, e.g. a content-type for `body`. Content-Length is always computed. */
  headers: z
    .array(
      z.tuple([
        z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name'),
        // What Node's http.validateHeaderValue accepts: tab, visible ASCII and Latin-1. Anything
        // else (a line break, `✓`) would make Node throw on every answer.
        z
          .string()
          .max(4096)
          .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'not a valid header value: tab, printable ASCII and Latin-1 only (no line breaks, no characters past U+00FF)'),
      ]),
    )
    .max(50)
    .optional(),
});
export type ReceiverResponse = z.infer<typeof receiverResponse>;
export { NORMAL_RESPONSE, isSimulating } from './receiver-response';

export const jobState = z.enum(['running', 'done', 'failed', 'cancelled']);
export const job = z.object({
  id: z.string(),
  kind: z.enum(['export', 'import']),
  state: jobState,
  /** Items processed so far, of `total` (null while unknown). */
  done: z.number().int(),
  total: z.number().int().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  error: z.string().nullable(),
  /** A finished export: its file (read it with `readJobOutput`, or from `path` on this machine). */
  output: z.object({ fileName: z.string(), path: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
  /** A finished import: requests stored, and lines or entries skipped (first few reasons). */
  imported: z
    .object({
      requests: z.number().int(),
      skipped: z.number().int(),
      /** Of `skipped`: entries that repeated a request earlier in the same file (other events of one body). */
      repeats: z.number().int().default(0),
      /** Of `skipped`: requests already stored (same body bytes, same received time): importing a file again adds nothing. */
      existing: z.number().int().default(0),
      problems: z.array(z.string()),
    })
    .nullable(),
});
export type Job = z.infer<typeof job>;

export const exportFormat = z.enum(['ndjson', 'json', 'har']);
export type ExportFormat = z.infer<typeof exportFormat>;

export const eventQuery = listEventsInput.unwrap().omit({ limit: true, before: true });

export const sendTestEventInput = z
  .object({
    /** One of the built-in samples; or give entity and op (and shape) instead. */
    kind: sampleKind.optional(),
    entity: z.string().min(1).optional(),
    op: z.string().min(1).optional(),
    /** Disambiguates samples of one Entity/Op: `stage` (Opportunity stage change), `abentries`/`opportunities` (Export), `batch` (array body). */
    shape: z.string().optional(),
    /** `sample`: the project's sample set (default). `sandbox`: a fresh event from the sandbox's CRM generator (any Entity/Op). */
    source: z.enum(['sample', 'sandbox']).default('sample'),
    /** `receiver` (default): POST it to this app's own target, so it is stored (origin `test`) and forwarded by the rules.
     *  `forward`: straight to every enabled forward rule's URL. Or any http(s) URL. */
    to: z.union([z.literal('receiver'), z.literal('forward'), httpUrl]).default('receiver'),
    /** Payload style for sandbox events: `guide` (array, PascalCase) or `postman` (single lowercase object). */
    style: z.enum(['guide', 'postman']).default('postman'),
  })
  .refine((v) => v.kind !== undefined || v.entity !== undefined, { message: 'Give a sample `kind`, or an `entity` and `op`' });

/** Forward rules with Maximizer's delivery rules, and the delivery log. */
export const forwardingCalls = {
  addForwardRule: call(
    z.object({ url: httpUrl, entity: optionalName, op: optionalName, filter: filterInput.optional(), enabled: z.boolean().default(true) }),
    z.object({ id: z.string(), rule: forwardRule }),
    'Forward every incoming webhook (or only this Entity/Op, or matching a Maximizer filter) to a local URL, with Maximizer’s delivery rules.',
  ),
  updateForwardRule: call(
    z.object({
      id: z.string(),
      url: httpUrl.optional(),
      entity: optionalName,
      op: optionalName,
      filter: filterInput.optional(),
      enabled: z.boolean().optional(),
    }),
    forwardRule,
    'Change a forward rule (URL, Entity/Op, filter) or turn it on or off.',
  ),
  removeForwardRule: call(z.object({ id: z.string() }), z.object({ removed: z.boolean() }), 'Delete a forward rule.'),
  listForwardRules: call(
    noInput,
    z.object({ items: z.array(forwardRule), settings: forwardingSettings }),
    'Forward rules, and the forwarding settings (retry delay, late-answer grace, response cap).',
  ),
  setForwardingSettings: call(
    forwardingSettings.partial().strict(),
    forwardingSettings,
    'Change the delay between attempts, the late-answer grace or the response cap.',
  ),
  listForwardAttempts: call(
    z
      .object({ eventId: z.number().int().optional(), limit: z.number().int().min(1).max(500).default(50), before: z.number().int().optional() })
      .default({ limit: 50 }),
    z.object({ items: z.array(forwardDelivery), nextCursor: z.number().int().optional() }),
    'Deliveries (forwards, replays, test sends) newest first, each with its attempts: status, latency, response, and the Maximizer verdict. `eventId` narrows to one event.',
  ),
};

export const forwardingEvents = {
  'forwarding.rules': z.object({ items: z.array(forwardRule) }),
  /** A delivery was created, or one of its attempts finished (or got its late answer). */
  'forwarding.delivery': forwardDelivery,
  'jobs.progress': job,
  'receiver.response': receiverResponse,
};

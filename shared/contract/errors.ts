import { z } from 'zod';

/** Error codes every transport reports the same way: `{ error: { code, message, details? } }`. */
export const ERROR_CODES = ['bad_request', 'unauthorized', 'not_found', 'conflict', 'upstream', 'unavailable', 'internal'] as const;
export const errorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCode>;

export const MAXIMIZER_ERROR_KINDS = [
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'validation',
  'rate_limited',
  'server',
  'network',
  'tls',
  'unexpected',
] as const;
export type MaximizerErrorKind = (typeof MAXIMIZER_ERROR_KINDS)[number];

/** A Maximizer client failure as plain data: what the UI needs to explain it. */
export const maximizerErrorInfo = z.object({
  kind: z.enum(MAXIMIZER_ERROR_KINDS),
  message: z.string(),
  status: z.number().int().optional(),
  problem: z.record(z.string(), z.unknown()).optional(),
  operation: z.string().optional(),
  code: z.string().optional(),
  retryAfterMs: z.number().optional(),
  /** The sandbox's `X-Sandbox-Assumption`: this answer is its guess, not documented Maximizer behaviour. */
  assumption: z.string().optional(),
  attempts: z.number().int(),
  /** Per-field validation errors, or where an answer broke the schema. */
  fieldErrors: z.array(z.string()),
});
export type MaximizerErrorInfo = z.infer<typeof maximizerErrorInfo>;

/** Why a call failed, beyond its code: typed, so the UI can explain it without parsing messages. */
export const errorDetails = z.discriminatedUnion('reason', [
  /** Maximizer (or the sandbox) answered with an error, or could not be reached. */
  maximizerErrorInfo.extend({ reason: z.literal('maximizer') }),
  /** The argument did not match the call's schema. */
  z.object({ reason: z.literal('invalid_input'), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
  /** No Maximizer connection is active (or the sandbox is not the active one). */
  z.object({ reason: z.literal('not_connected') }),
]);
export type ErrorDetails = z.infer<typeof errorDetails>;

/** The one error body on the wire, identical over IPC and HTTP. */
export const apiErrorBody = z.object({ code: errorCode, message: z.string(), details: errorDetails.optional() });
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** A contract error: thrown where the cause is known, carried unchanged to the UI. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  /** Rebuilds the error a transport carried; anything malformed becomes `internal`. */
  static fromBody(body: unknown, fallback: string): ApiError {
    const parsed = apiErrorBody.safeParse(body);
    if (parsed.success) return new ApiError(parsed.data.code, parsed.data.message, parsed.data.details);
    const message = (body as { message?: unknown } | null)?.message;
    return new ApiError('internal', typeof message === 'string' ? message : fallback);
  }
}

export const errorStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  upstream: 502,
  unavailable: 503,
  internal: 500,
};

/** A code that came over a wire: one of ours, else `internal`. */
export const asErrorCode = (code: unknown): ErrorCode =>
  typeof code === 'string' && Object.hasOwn(errorStatus, code) ? (code as ErrorCode) : 'internal';

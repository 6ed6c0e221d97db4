import { z } from 'zod';
import { ERROR_CODES } from './api-error';

export { ApiError, ERROR_CODES, asErrorCode, errorStatus, type ErrorCode } from './api-error';

export const errorCode = z.enum(ERROR_CODES);

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

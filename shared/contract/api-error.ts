import type { ApiErrorBody, ErrorDetails } from './errors';

/**
 * The contract's error without its schemas: transports and the renderer's first chunk throw and
 * rebuild errors with this module alone, so they do not load zod and every section's schemas
 * to show a list (errors.ts holds the schemas and re-exports all of this).
 */

/** Error codes every transport reports the same way: `{ error: { code, message, details? } }`. */
export const ERROR_CODES = ['bad_request', 'unauthorized', 'not_found', 'conflict', 'upstream', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
export const asErrorCode = (code: unknown): ErrorCode => (typeof code === 'string' && Object.hasOwn(errorStatus, code) ? (code as ErrorCode) : 'internal');

const DETAIL_REASONS: readonly string[] = ['maximizer', 'invalid_input', 'not_connected'] satisfies ErrorDetails['reason'][];

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

  /**
   * Rebuilds the error a transport carried (written by our own engine from `apiErrorBody`);
   * anything malformed becomes `internal`, details of an unknown kind are dropped.
   */
  static fromBody(body: unknown, fallback: string): ApiError {
    const b = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown; details?: unknown };
    const message = typeof b.message === 'string' ? b.message : fallback;
    if (typeof b.code !== 'string' || !Object.hasOwn(errorStatus, b.code) || typeof b.message !== 'string') return new ApiError('internal', message);
    const details = b.details as { reason?: unknown } | undefined;
    const known = typeof details === 'object' && details !== null && typeof details.reason === 'string' && DETAIL_REASONS.includes(details.reason);
    return new ApiError(b.code as ErrorCode, message, known ? (details as ErrorDetails) : undefined);
  }
}

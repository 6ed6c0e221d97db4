/** Error codes every transport reports the same way: `{ error: { code, message } }`. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'upstream'
  | 'unavailable'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
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

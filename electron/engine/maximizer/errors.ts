import { ApiError, type ErrorCode, type ErrorDetails, type MaximizerErrorInfo, type MaximizerErrorKind } from '@shared/contract/errors';
import type { ProblemDetails } from './schemas';

export { MAXIMIZER_ERROR_KINDS, maximizerErrorInfo, type MaximizerErrorInfo, type MaximizerErrorKind } from '@shared/contract/errors';

export type OperationName =
  | 'listTargets'
  | 'createTarget'
  | 'updateTarget'
  | 'deleteTarget'
  | 'enableTarget'
  | 'disableTarget'
  | 'listSubscriptions'
  | 'createSubscription'
  | 'updateSubscription'
  | 'deleteSubscription'
  | 'addRecipient'
  | 'removeRecipient';

export interface MaximizerErrorInit {
  kind: MaximizerErrorKind;
  message: string;
  status?: number;
  problem?: ProblemDetails;
  operation?: OperationName;
  /** The system error code behind a network or TLS failure (e.g. ECONNREFUSED), or TIMEOUT. */
  code?: string;
  /** When the server said how long to wait (429/503 Retry-After) and we did not wait that long. */
  retryAfterMs?: number;
  /** HTTP attempts made (0 when the request was refused before sending). */
  attempts?: number;
  /** Per-field validation errors, or where a response broke the schema. */
  fieldErrors?: string[];
  /** The sandbox labelled this answer as its assumption (X-Sandbox-Assumption: the CONTRACT.md point). */
  assumption?: string;
}

/** The contract code for each kind of failure: the client is the boundary that knows the cause. */
const CODES: Record<MaximizerErrorKind, ErrorCode> = {
  unauthorized: 'unauthorized',
  forbidden: 'upstream',
  not_found: 'not_found',
  conflict: 'conflict',
  validation: 'bad_request',
  rate_limited: 'upstream',
  server: 'upstream',
  network: 'upstream',
  tls: 'upstream',
  unexpected: 'upstream',
};

function infoOf(init: MaximizerErrorInit): MaximizerErrorInfo {
  return {
    kind: init.kind,
    message: init.message,
    attempts: init.attempts ?? 0,
    fieldErrors: init.fieldErrors ?? [],
    ...(init.status !== undefined && { status: init.status }),
    ...(init.problem !== undefined && { problem: { ...init.problem } }),
    ...(init.operation !== undefined && { operation: init.operation }),
    ...(init.code !== undefined && { code: init.code }),
    ...(init.retryAfterMs !== undefined && { retryAfterMs: init.retryAfterMs }),
    ...(init.assumption !== undefined && { assumption: init.assumption }),
  };
}

/**
 * Every failure of the client. `message` is plain English meant for the user; it never holds the token.
 * It is a contract error already, so it crosses every service and transport unchanged.
 */
export class MaximizerError extends ApiError {
  override readonly name = 'MaximizerError';
  readonly kind: MaximizerErrorKind;
  declare readonly status?: number;
  declare readonly problem?: ProblemDetails;
  declare readonly operation?: OperationName;
  /** The system error code behind a network or TLS failure (e.g. ECONNREFUSED), or TIMEOUT. */
  declare readonly systemCode?: string;
  declare readonly retryAfterMs?: number;
  declare readonly assumption?: string;
  readonly attempts: number;
  readonly fieldErrors: string[];

  constructor(init: MaximizerErrorInit) {
    super(CODES[init.kind], init.message, { reason: 'maximizer', ...infoOf(init) });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.problem !== undefined) this.problem = init.problem;
    if (init.operation !== undefined) this.operation = init.operation;
    if (init.code !== undefined) this.systemCode = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.assumption !== undefined) this.assumption = init.assumption;
    this.attempts = init.attempts ?? 0;
    this.fieldErrors = init.fieldErrors ?? [];
  }

  toInfo(): MaximizerErrorInfo {
    const { reason: _, ...info } = this.details as Extract<ErrorDetails, { reason: 'maximizer' }>;
    return info;
  }

  toJSON(): MaximizerErrorInfo {
    return this.toInfo();
  }
}

export const isMaximizerError = (error: unknown): error is MaximizerError => error instanceof MaximizerError;

// ---- what an operation is about, for messages ----

export interface OperationContext {
  operation: OperationName;
  /** Host of the base URL, for network messages. */
  host: string;
  /** The base URL (never with credentials: the token travels in a header). */
  url: string;
  targetId?: string;
  subscriptionId?: string;
  recipient?: string;
  /** Replaced by "[token]" in any text the server sends back. */
  token: string;
}

/** Create calls are not retried after the request may have arrived, so their outcome can be unknown. */
export const NOT_RETRIED = new Set<OperationName>(['createTarget', 'createSubscription']);

/** Masks the token in text that came from elsewhere (server answers, system errors). */
export const redact = (text: string, token: string) => (token.length >= 4 ? text.split(token).join('[token]') : text);

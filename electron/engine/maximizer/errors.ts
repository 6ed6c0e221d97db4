import { z } from 'zod';
import type { ProblemDetails } from './schemas';

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

/** A MaximizerError as plain data, e.g. to cross the contract to the UI. */
export const maximizerErrorInfo = z.object({
  kind: z.enum(MAXIMIZER_ERROR_KINDS),
  message: z.string(),
  status: z.number().int().optional(),
  problem: z.record(z.string(), z.unknown()).optional(),
  operation: z.string().optional(),
  code: z.string().optional(),
  retryAfterMs: z.number().optional(),
  attempts: z.number().int(),
  details: z.array(z.string()),
});
export type MaximizerErrorInfo = z.infer<typeof maximizerErrorInfo>;

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
  details?: string[];
}

/** Every failure of the client. `message` is plain English meant for the user; it never holds the token. */
export class MaximizerError extends Error {
  override readonly name = 'MaximizerError';
  readonly kind: MaximizerErrorKind;
  declare readonly status?: number;
  declare readonly problem?: ProblemDetails;
  declare readonly operation?: OperationName;
  declare readonly code?: string;
  declare readonly retryAfterMs?: number;
  readonly attempts: number;
  readonly details: string[];

  constructor(init: MaximizerErrorInit) {
    super(init.message);
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.problem !== undefined) this.problem = init.problem;
    if (init.operation !== undefined) this.operation = init.operation;
    if (init.code !== undefined) this.code = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 0;
    this.details = init.details ?? [];
  }

  toInfo(): MaximizerErrorInfo {
    return {
      kind: this.kind,
      message: this.message,
      attempts: this.attempts,
      details: this.details,
      ...(this.status !== undefined && { status: this.status }),
      ...(this.problem !== undefined && { problem: { ...this.problem } }),
      ...(this.operation !== undefined && { operation: this.operation }),
      ...(this.code !== undefined && { code: this.code }),
      ...(this.retryAfterMs !== undefined && { retryAfterMs: this.retryAfterMs }),
    };
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

export interface BackoffOptions {
  /** The wait before the first retry. */
  initialMs: number;
  /** No wait is longer than this, so a server that comes back is found again soon. */
  maxMs: number;
  factor: number;
  /** Spread each wait by ±this fraction, so many installs do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 10_000, factor: 2, jitter: 0.2 };

/** How long to wait before retry number `attempt` (1-based): capped exponential, with jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt - 1));
  const spread = base * options.jitter * (2 * random() - 1);
  return Math.round(Math.max(0, Math.min(options.maxMs, base + spread)));
}

/**
 * Rate limit for requests with a wrong or missing secret: a token bucket per sender and one for
 * all senders together. Only refusals draw on it — a request with the right secret never asks —
 * so a flood of guesses is answered 429 at once and costs deliveries nothing.
 *
 * The sender is the peer's address, or, for a request relayed by the local tunnel client, the
 * first `X-Forwarded-For` address (every tunnelled request arrives from 127.0.0.1). That header can
 * be forged, which the shared bucket covers: rotating it buys no more than the shared rate.
 */
export interface WrongSecretLimits {
  /** Refusals one sender may have in a burst, and per second after it. */
  perSender: { burst: number; perSecond: number };
  /** The same for every sender together. */
  overall: { burst: number; perSecond: number };
  /** Senders remembered at most (the oldest is forgotten first). */
  maxSenders: number;
}

export const WRONG_SECRET_LIMITS: WrongSecretLimits = {
  perSender: { burst: 20, perSecond: 5 },
  overall: { burst: 200, perSecond: 100 },
  maxSenders: 10_000,
};

interface Bucket {
  tokens: number;
  at: number;
}

const refill = (bucket: Bucket, now: number, rate: { burst: number; perSecond: number }) => {
  bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond);
  bucket.at = now;
};

export class WrongSecretLimiter {
  private readonly senders = new Map<string, Bucket>();
  private readonly overall: Bucket;

  constructor(
    private readonly now: () => number,
    private readonly limits: WrongSecretLimits = WRONG_SECRET_LIMITS,
  ) {
    this.overall = { tokens: limits.overall.burst, at: now() };
  }

  /** Takes one refusal for `sender`: 0 when it may be answered 401, else the seconds to wait (429). */
  take(sender: string): number {
    const now = this.now();
    let bucket = this.senders.get(sender);
    if (bucket) {
      // Re-inserted so the Map's order stays oldest-use first.
      this.senders.delete(sender);
      refill(bucket, now, this.limits.perSender);
    } else {
      bucket = { tokens: this.limits.perSender.burst, at: now };
      if (this.senders.size >= this.limits.maxSenders) this.senders.delete(this.senders.keys().next().value!);
    }
    this.senders.set(sender, bucket);
    refill(this.overall, now, this.limits.overall);
    if (bucket.tokens >= 1 && this.overall.tokens >= 1) {
      bucket.tokens--;
      this.overall.tokens--;
      return 0;
    }
    const wait = (tokens: number, perSecond: number) => (tokens >= 1 ? 0 : (1 - tokens) / perSecond);
    return Math.max(1, Math.ceil(Math.max(wait(bucket.tokens, this.limits.perSender.perSecond), wait(this.overall.tokens, this.limits.overall.perSecond))));
  }
}

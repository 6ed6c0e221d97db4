/**
 * Delivery timing of one webhook: Maximizer's `Timestamp` (event generated) →
 * `ProcessedTimestamp` (queued for delivery) → received here. Clocks differ between
 * Maximizer and this machine, so a small negative figure is skew, not time travel.
 */
export interface DeliveryTimes {
  /** Timestamp → ProcessedTimestamp, ms. */
  processing: number | null;
  /** ProcessedTimestamp → received, ms. */
  delivery: number | null;
  /** Timestamp → received, ms. */
  total: number | null;
}

/** ISO-8601 with any number of fractional digits (Maximizer sends seven); NaN-safe. */
export function isoMs(text: string | null | undefined): number | null {
  if (!text) return null;
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const whole = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
  if (!Number.isFinite(whole)) return null;
  const fraction = match[2] ? Number(`0.${match[2]}`) * 1000 : 0;
  return whole + fraction;
}

export function deliveryTimes(e: { timestamp: string | null; processedTimestamp: string | null; receivedAt: number }): DeliveryTimes {
  const created = isoMs(e.timestamp);
  const processed = isoMs(e.processedTimestamp);
  return {
    processing: created !== null && processed !== null ? processed - created : null,
    delivery: processed !== null ? e.receivedAt - processed : null,
    total: created !== null ? e.receivedAt - created : null,
  };
}

/** Nearest-rank percentile of sorted values (p in 0..100); null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface RateBucket {
  start: number;
  count: number;
  /** Timestamp → received, ms; null where the bucket had no timed event (a gap, not a zero). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** ProcessedTimestamp → received, median, ms. */
  deliveryP50: number | null;
}

/**
 * The most buckets one answer holds (like Prometheus' 11,000 points per series): a chart has no
 * use for more, and each costs memory — a tiny bucket over a huge window once took the process down.
 */
export const MAX_BUCKETS = 10_000;

const DAY_MS = 86_400_000;

/** How many buckets `bucketize` makes for a window. */
export function bucketCount(since: number, until: number, bucketMs: number): number {
  const first = Math.floor(since / bucketMs) * bucketMs;
  return Math.max(1, Math.ceil((until - first) / bucketMs));
}

/** A bucket width that keeps a window under ~360 points: 1 min up to 6 h, then 5 min, 15 min, 1 h, 4 h, whole days. */
export function bucketFor(windowMs: number): number {
  for (const minutes of [1, 5, 15, 60, 240]) if (windowMs / (minutes * 60_000) <= 360) return minutes * 60_000;
  return Math.max(1, Math.ceil(windowMs / 360 / DAY_MS)) * DAY_MS;
}

/** Events per bucket and latency percentiles, every bucket of the window present (empty ones count 0). */
export function bucketize(
  rows: readonly { receivedAt: number; created: number | null; processed: number | null }[],
  since: number,
  until: number,
  bucketMs: number,
): RateBucket[] {
  const first = Math.floor(since / bucketMs) * bucketMs;
  const n = bucketCount(since, until, bucketMs);
  const totals: number[][] = Array.from({ length: n }, () => []);
  const deliveries: number[][] = Array.from({ length: n }, () => []);
  const counts = new Array<number>(n).fill(0);
  for (const r of rows) {
    const i = Math.floor((r.receivedAt - first) / bucketMs);
    if (i < 0 || i >= n) continue;
    counts[i]!++;
    if (r.created !== null) totals[i]!.push(r.receivedAt - r.created);
    if (r.processed !== null) deliveries[i]!.push(r.receivedAt - r.processed);
  }
  return counts.map((count, i) => {
    const t = totals[i]!.sort((a, b) => a - b);
    const d = deliveries[i]!.sort((a, b) => a - b);
    return { start: first + i * bucketMs, count, p50: percentile(t, 50), p95: percentile(t, 95), p99: percentile(t, 99), deliveryP50: percentile(d, 50) };
  });
}

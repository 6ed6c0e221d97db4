import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SANDBOX_USER_AGENT } from '@shared/origin';

/**
 * Delivery with Maximizer's rules (CONTRACT §4): a POST to the target's exact URL with its configured
 * headers; success is a 200 within the timeout (2 s); any other outcome is retried twice after
 * `retryDelayMs`, with the same bytes, then the webhook is discarded and logged. There is no queue:
 * a disabled target's events are dropped.
 */
export type DeliveryState = 'pending' | 'delivered' | 'discarded' | 'dropped' | 'cancelled';

export interface DeliveryAttempt {
  /** 1, 2 or 3. */
  attempt: number;
  startedAt: string;
  /** The target's HTTP status, null when none arrived in time (timeout, refused connection…). */
  status: number | null;
  /** Why the attempt failed; null for a success. */
  error: string | null;
  durationMs: number;
}

export interface DeliveryRecord {
  /** Unique per (event, subscription) delivery. */
  deliveryId: string;
  /** The webhook Id, the same on every attempt. */
  eventId: string;
  subscriptionId: string;
  targetId: string;
  targetName: string | null;
  url: string;
  entity: string;
  op: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** The exact body sent on every attempt (not kept for dropped deliveries). */
  body: string | null;
  createdAt: string;
}

export interface DeliveryTarget {
  targetId: string;
  name: string | null;
  url: string;
  headers: readonly { Key: string; Value?: string | null }[];
}

export interface DelivererOptions {
  retryDelayMs: number;
  timeoutMs: number;
  maxAttempts: number;
  /** Oldest records are forgotten beyond this many, so a long-running generator does not grow memory. */
  maxRecords: number;
  now: () => number;
  newId: () => string;
  log: (line: string) => void;
  onChange?: (record: DeliveryRecord) => void;
}

const snapshot = (record: DeliveryRecord): DeliveryRecord => ({ ...record, attempts: record.attempts.map((a) => ({ ...a })) });

export class Deliverer {
  private readonly records: DeliveryRecord[] = [];
  private readonly inFlight = new Set<ClientRequest>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<DeliveryRecord>();
  private readonly waiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: DelivererOptions) {}

  list(): DeliveryRecord[] {
    return this.records.map(snapshot);
  }

  /** Resolves once no delivery is in progress or waiting for a retry. */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Records that an event was not sent because its target is disabled (no queue, CONTRACT §2 [ASSUME]). */
  drop(base: Omit<DeliveryRecord, 'deliveryId' | 'state' | 'attempts' | 'body' | 'createdAt'>): DeliveryRecord {
    const record = this.add({ ...base, state: 'dropped', body: null });
    this.options.log(`sandbox: dropped ${record.entity}/${record.op} ${record.eventId} for disabled target ${record.targetName ?? record.targetId}`);
    return record;
  }

  /** Starts a delivery; `body` is sent as these exact bytes on every attempt. */
  send(
    target: DeliveryTarget,
    base: Omit<DeliveryRecord, 'deliveryId' | 'state' | 'attempts' | 'body' | 'createdAt' | 'url' | 'targetId' | 'targetName'>,
    body: string | Buffer,
  ): DeliveryRecord {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const record = this.add({ ...base, targetId: target.targetId, targetName: target.name, url: target.url, state: 'pending', body: bytes.toString('utf8') });
    this.pending.add(record);
    void this.attempt(record, target, bytes);
    return record;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const req of this.inFlight) req.destroy(new Error('sandbox stopped'));
    for (const record of this.pending) this.finish(record, 'cancelled');
  }

  private add(fields: Omit<DeliveryRecord, 'deliveryId' | 'attempts' | 'createdAt'>): DeliveryRecord {
    const record: DeliveryRecord = { deliveryId: this.options.newId(), attempts: [], createdAt: new Date(this.options.now()).toISOString(), ...fields };
    this.records.push(record);
    if (this.records.length > this.options.maxRecords) this.records.splice(0, this.records.length - this.options.maxRecords);
    this.options.onChange?.(snapshot(record));
    return record;
  }

  private finish(record: DeliveryRecord, state: DeliveryState): void {
    record.state = state;
    this.pending.delete(record);
    this.options.onChange?.(snapshot(record));
    if (this.pending.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async attempt(record: DeliveryRecord, target: DeliveryTarget, body: Buffer): Promise<void> {
    if (this.stopped) return;
    const number = record.attempts.length + 1;
    const started = this.options.now();
    const outcome = await this.post(target, body);
    if (this.stopped) return;
    record.attempts.push({
      attempt: number,
      startedAt: new Date(started).toISOString(),
      status: outcome.status,
      error: outcome.error,
      durationMs: Math.max(0, this.options.now() - started),
    });
    if (outcome.error === null) return this.finish(record, 'delivered');
    if (number >= this.options.maxAttempts) {
      this.options.log(
        `sandbox: discarded webhook ${record.eventId} (${record.entity}/${record.op}) for ${record.targetName ?? record.targetId} ${record.url} after ${number} attempts: ${outcome.error}`,
      );
      return this.finish(record, 'discarded');
    }
    this.options.onChange?.(snapshot(record));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(record, target, body);
    }, this.options.retryDelayMs);
    this.timers.add(timer);
  }

  /** One POST. Success is exactly a 200 that arrives within the timeout; 201 and 204 are failures too. */
  private post(target: DeliveryTarget, body: Buffer): Promise<{ status: number | null; error: string | null }> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (status: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status, error });
      };
      const url = new URL(target.url);
      const headers: OutgoingHttpHeaders = { 'content-type': 'application/json', 'user-agent': SANDBOX_USER_AGENT };
      // Configured headers are sent as given and win over the defaults; a repeated name is sent once per value.
      const configured = new Map<string, { name: string; values: string[] }>();
      for (const { Key, Value } of target.headers) {
        const entry = configured.get(Key.toLowerCase()) ?? { name: Key, values: [] };
        entry.values.push(Value ?? '');
        configured.set(Key.toLowerCase(), entry);
      }
      for (const [lower, { name, values }] of configured) {
        delete headers[lower];
        headers[name] = values.length === 1 ? values[0] : values;
      }
      headers['content-length'] = body.length;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers,
          agent: false,
        },
        (res) => {
          const status = res.statusCode ?? null;
          done(status, status === 200 ? null : `answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
          res.resume();
          res.on('error', () => {});
          // The outcome is known; a target that keeps streaming must not hold the socket forever.
          res.on('end', () => req.destroy());
        },
      );
      this.inFlight.add(req);
      req.on('close', () => this.inFlight.delete(req));
      const timer = setTimeout(() => {
        done(null, `no answer within ${this.options.timeoutMs} ms`);
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => done(null, error.code ? `${error.code}: ${error.message}` : error.message));
      req.end(body);
    });
  }
}

import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { z } from 'zod';

/**
 * Our client side of the localtunnel protocol: one registration request, then a
 * pool of TCP connections to the server that each carry HTTP exchanges to the
 * receiver byte for byte. See docs/tunnel.md for why this is not the npm client.
 */

/** What a localtunnel server answers to `GET /<subdomain>` (or `/?new`). */
const registrationBody = z.object({
  id: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  max_conn_count: z.number().int().min(1).optional(),
  url: z.string().min(1),
  /** Given by servers that want their tunnel ports reached by IP rather than by the host name. */
  ip: z.string().min(1).optional(),
});

export interface Registration {
  id: string;
  url: string;
  remoteHost: string;
  remotePort: number;
  maxConnections: number;
}

/** A failure to register; `retryable` is false when asking again cannot help (e.g. an invalid subdomain). */
export class RegistrationError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'RegistrationError';
  }
}

/** The most pooled connections we open, whatever a server offers. */
const MAX_POOL = 10;

export interface RegisterOptions {
  host: string;
  subdomain: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export async function register(options: RegisterOptions): Promise<Registration> {
  const base = options.host.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${base}/${encodeURIComponent(options.subdomain)}`, {
      headers: { accept: 'application/json' },
      signal: options.signal,
      redirect: 'follow',
    });
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    const why = err.cause?.code ?? err.cause?.message ?? err.message;
    throw new RegistrationError(`Cannot reach the tunnel server ${base}: ${why}`, true);
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const message = (body as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' ? message : text.slice(0, 200).trim() || response.statusText;
    // 4xx means "this request will not work" — except a timeout, a conflict (the holder
    // may go away) and rate limiting, which are worth asking again later.
    const retryable = response.status >= 500 || [408, 409, 425, 429].includes(response.status);
    throw new RegistrationError(`The tunnel server refused (${response.status}): ${detail}`, retryable);
  }
  const parsed = registrationBody.safeParse(body);
  if (!parsed.success) {
    throw new RegistrationError(`The tunnel server's answer is not a localtunnel registration: ${text.slice(0, 200)}`, true);
  }
  return {
    id: parsed.data.id,
    url: parsed.data.url,
    remoteHost: parsed.data.ip ?? new URL(base).hostname.replace(/^\[|\]$/g, ''),
    remotePort: parsed.data.port,
    maxConnections: Math.min(parsed.data.max_conn_count ?? 1, MAX_POOL),
  };
}

export interface LinkOptions {
  localHost: string;
  localPort: number;
  /** Before reopening a pooled connection that closed without carrying anything. */
  reopenDelayMs?: number;
}

const BAD_GATEWAY = Buffer.from(
  'HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\ncontent-length: 41\r\nconnection: close\r\n\r\nThe inspector is not accepting requests.\n',
);

/**
 * The pooled connections of one registration. Emits `connected` once the first
 * connection to the server is up, and `error` whenever a connection to the server
 * cannot be made — the registration is then gone or the server is down, and the
 * owner should close this link and register again.
 *
 * Bytes are relayed untouched: no Host rewrite, no decoding.
 */
export class TunnelLink extends EventEmitter {
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private everConnected = false;

  constructor(
    readonly registration: Registration,
    private readonly options: LinkOptions,
  ) {
    super();
  }

  get connectedCount(): number {
    let n = 0;
    for (const socket of this.sockets) if (!socket.connecting && !socket.destroyed) n++;
    return n;
  }

  open(): this {
    for (let i = 0; i < this.registration.maxConnections; i++) this.openOne();
    return this;
  }

  private openOne(): void {
    if (this.closed) return;
    const { remoteHost, remotePort } = this.registration;
    const remote = connect({ host: remoteHost, port: remotePort });
    this.sockets.add(remote);
    let connected = false;
    let carried = false;
    let local: Socket | undefined;

    remote.setNoDelay(true);
    remote.setKeepAlive(true, 15_000);
    remote.once('connect', () => {
      connected = true;
      if (!this.everConnected) {
        this.everConnected = true;
        this.emit('connected');
      }
    });
    remote.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && !this.closed) {
        this.emit('error', new Error(`Cannot connect to the tunnel server at ${remoteHost}:${remotePort}: ${error.code ?? error.message}`));
      }
    });
    remote.once('close', () => {
      this.sockets.delete(remote);
      local?.destroy();
      if (this.closed || !connected) return;
      // A connection that served requests is replaced at once; one dropped unused is
      // replaced after a pause, so a server refusing extra connections is not hammered.
      if (carried) this.openOne();
      else this.later(() => this.openOne(), this.options.reopenDelayMs ?? 1_000);
    });

    // The receiver is dialled when a request arrives, not per pooled connection.
    remote.once('data', (first: Buffer) => {
      carried = true;
      remote.pause();
      const to = connect({ host: this.options.localHost, port: this.options.localPort });
      local = to;
      let reached = false;
      to.setNoDelay(true);
      to.once('connect', () => {
        reached = true;
        to.write(first);
        remote.pipe(to);
        to.pipe(remote);
        remote.resume();
      });
      to.on('error', () => {
        // Unreachable receiver: the requester gets a clean 502. Mid-exchange: no clean answer is possible.
        if (!reached) remote.end(BAD_GATEWAY);
        else remote.destroy();
      });
      to.once('close', () => {
        if (reached) remote.end();
      });
    });
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}

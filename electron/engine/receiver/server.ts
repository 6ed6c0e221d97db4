import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { PROBE_HEADER } from '@shared/tunnel';
import { SECRET_HEADER, TEST_EVENT_HEADER } from '@shared/headers';
import type { Rejection } from '@shared/contract';
import type { Store, StoredDelivery } from '../store';
import { sendJson } from '../http-json';
import { learnShapes } from '../shapes/learner';
import { Indexer } from './indexer';
import type { WalSync } from './wal-sync';
import { BodyError, BodyReader, decodeBody } from './body';
import { GroupCommitter } from './group-commit';
import { ResponseSimulator } from './simulate';
import { guardServer } from '../http-guard';
import type { ReceiverSecrets } from './messages';
import { WrongSecretLimiter } from './wrong-secrets';

// Node lower-cases incoming header names; captureHeaders compares lower-cased names too.
const SECRET_KEY = SECRET_HEADER.toLowerCase();
const TEST_EVENT_KEY = TEST_EVENT_HEADER.toLowerCase();
export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export interface ReceiverOptions {
  store: Store;
  /** Flushes the WAL off the event loop; without it the store's own commits must be synchronous=FULL. */
  walSync?: WalSync;
  /** The secret, or current + previous during a rotation's grace period (changeable while running). */
  secret: string | ReceiverSecrets;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  now?: () => number;
  /** New events and attempts, after they were parsed and indexed (behind the ack). */
  onIndexed?: (stored: StoredDelivery[]) => void;
  onRejected?: (rejections: Rejection[]) => void;
  /** What to answer after the commit (response simulation); a normal 200 when absent or inactive. */
  simulator?: ResponseSimulator;
}

const sameSecret = (given: string | null, secret: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

const acceptedSecret = (given: string | null, secrets: ReceiverSecrets, at: number): boolean =>
  sameSecret(given, secrets.current) || (!!secrets.previous && at < secrets.previous.until && sameSecret(given, secrets.previous.secret));

/**
 * Splits an origin-form request target (`/hooks?secret=…`) without `new URL`, which costs an
 * allocation-heavy parse per request and throws on targets like `//[x/`. Anything that is not
 * origin-form (absolute-form, `*`, garbage) has no path: the caller answers 400.
 */
export function splitTarget(target: string | undefined): { path: string; query: string } | null {
  if (!target || target.charCodeAt(0) !== 47 /* / */ || target.charCodeAt(1) === 47) return null;
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q) };
}

/** A query made only of unreserved characters and separators: nothing to decode. */
const PLAIN_QUERY = /^\?[A-Za-z0-9_\-~.=&]*$/;

/**
 * The `secret` query parameter as URLSearchParams reads it (the first one; '' when it has
 * no value; null when absent), without building a URLSearchParams for the plain queries
 * this app's target URL uses.
 */
export function querySecret(query: string): string | null {
  if (!query) return null;
  if (!PLAIN_QUERY.test(query)) return new URLSearchParams(query).get('secret');
  for (let at = 1; at < query.length;) {
    const amp = query.indexOf('&', at);
    const end = amp < 0 ? query.length : amp;
    if (query.startsWith('secret', at)) {
      if (at + 6 === end) return '';
      if (query.charCodeAt(at + 6) === 61 /* = */) return query.slice(at + 7, end);
    }
    at = end + 1;
  }
  return null;
}

/** The acknowledgement, built without an object or JSON.stringify per request (same JSON as sendJson()). */
function ack(res: ServerResponse, requestId: number): void {
  const text = `{"received":true,"request":${requestId}}`;
  res.writeHead(200, ['content-type', 'application/json; charset=utf-8', 'content-length', String(text.length)]);
  res.end(text);
}

/**
 * A body refused while its sender is still sending (a 413 at 10 MiB of a 12 MiB POST): closing
 * at once resets the connection under the client, which then reports EPIPE instead of the
 * answer. As nginx's lingering close does, the answer is sent whole, what still arrives is read
 * and dropped, up to LINGER_BYTES or LINGER_MS, and then the connection is closed.
 */
const LINGER_BYTES = 4 * 1024 * 1024;
const LINGER_MS = 3000;

function answerThenLinger(req: IncomingMessage, res: ServerResponse, status: number, reason: string): void {
  const text = JSON.stringify({ error: reason });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.write(text);
  let left = LINGER_BYTES;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    req.off('data', onData);
    // Past the bound the sender is cut off; when it finished in time, this is an ordinary close.
    if (!req.complete) res.once('finish', () => req.socket.destroy());
    res.end();
  };
  const onData = (chunk: Buffer) => {
    left -= chunk.length;
    if (left <= 0) close();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on('data', onData);
  req.once('end', close);
  req.once('error', close);
  req.socket.once('close', close);
  req.resume();
}

/**
 * What the receiver reads from the headers, in one pass over `rawHeaders`:
 * `req.headers` is built lazily by node, and never touching it saves building an
 * object per request. `json` is the header pairs in arrival order, names as sent,
 * as stored (`[["Host","…"],…]`). Repeated fields are joined with ", " as node
 * does for `req.headers`.
 */
interface Captured {
  json: string;
  secret: string | undefined;
  probe: string | undefined;
  forwardedFor: string | undefined;
  encoding: string | undefined;
  length: number;
  test: boolean;
}

const join = (a: string | undefined, b: string) => (a === undefined ? b : `${a}, ${b}`);

function captureHeaders(raw: string[]): Captured {
  const out: Captured = { json: '', secret: undefined, probe: undefined, forwardedFor: undefined, encoding: undefined, length: NaN, test: false };
  let json = '[';
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    json += `${i ? ',' : ''}[${JSON.stringify(name)},${JSON.stringify(value)}]`;
    // Only names of an interesting length are lower-cased and compared (the lengths differ).
    switch (name.length) {
      case 14:
        if (name.toLowerCase() === 'content-length') out.length = Number(value);
        break;
      case 15:
        if (out.forwardedFor === undefined && name.toLowerCase() === 'x-forwarded-for') out.forwardedFor = value;
        break;
      case 16:
        if (name.toLowerCase() === 'content-encoding') out.encoding = join(out.encoding, value);
        break;
      case SECRET_KEY.length:
        if (name.toLowerCase() === SECRET_KEY) out.secret = join(out.secret, value);
        break;
      case PROBE_HEADER.length:
        if (name.toLowerCase() === PROBE_HEADER) out.probe = join(out.probe, value);
        break;
      case TEST_EVENT_KEY.length:
        if (name.toLowerCase() === TEST_EVENT_KEY && value) out.test = true;
        break;
    }
  }
  out.json = json + ']';
  return out;
}

/** Who sent a refused request: the peer, or the client a local relay (the tunnel) names. */
function senderOf(req: IncomingMessage, headers: Captured): string {
  const peer = req.socket.remoteAddress ?? '';
  if (headers.forwardedFor === undefined || !(peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1')) return peer;
  return headers.forwardedFor.split(',', 1)[0]!.trim().slice(0, 64);
}

function isHooksPath(path: string): boolean {
  return path === '/hooks' || path.startsWith('/hooks/');
}

/**
 * The Maximizer target. Answers 200 only after the request is committed, so an
 * acknowledged webhook survives a crash the next instant.
 *
 * The request path is written with callbacks rather than async/await: under load
 * every promise and closure per request shows up in the receiver's CPU profile
 * (docs/performance.md). Each step runs inside `guarded`, so a bug still costs its
 * request alone.
 */
export function createReceiverServer(options: ReceiverOptions): {
  server: Server;
  indexer: Indexer;
  simulator: ResponseSimulator;
  setSecrets(secrets: ReceiverSecrets): void;
} {
  const now = options.now ?? Date.now;
  let secrets: ReceiverSecrets = typeof options.secret === 'string' ? { current: options.secret } : options.secret;
  const simulator = options.simulator ?? new ResponseSimulator(options.store);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const bodyTimeout = options.bodyTimeoutMs ?? 15_000;
  const bodies = new BodyReader(limit, bodyTimeout);
  const wrongSecrets = new WrongSecretLimiter(now);
  // Shapes are learned by the indexer, behind the ack (never on the request path).
  learnShapes(options.store, () => (secrets.previous ? [secrets.current, secrets.previous.secret] : [secrets.current]));
  const indexer: Indexer = new Indexer({
    store: options.store,
    lastCommitAt: () => committer.lastCommitAt,
    onIndexed: options.onIndexed ?? (() => {}),
    onError: (error) => console.error('indexing failed (will retry):', error),
  });
  const committer = new GroupCommitter(
    options.store,
    now,
    (rejections) => {
      if (rejections.length) options.onRejected?.(rejections);
      indexer.kick();
    },
    options.walSync ?? null,
  );
  // Anything committed before a crash and not yet parsed is parsed now.
  indexer.kick();

  const reject = (
    req: IncomingMessage,
    res: ServerResponse,
    receivedAt: number,
    path: string,
    status: number,
    reason: string,
    extra?: Record<string, string>,
  ) => {
    committer.reject({ receivedAt, status, reason, method: req.method ?? '', path: path.slice(0, 512), remote: req.socket.remoteAddress ?? '' });
    // A refused request's connection is not kept: a flood of them costs each sender a new connection.
    if (status === 413 && !req.complete) return answerThenLinger(req, res, status, reason);
    sendJson(res, status, { error: reason }, { connection: 'close', ...extra });
  };

  // Crash-only: whatever a request causes, it costs that request alone. A throw that gets
  // here is a bug; it is logged and answered 500, and the worker keeps serving.
  const guarded = (req: IncomingMessage, res: ServerResponse, step: () => void) => {
    try {
      step();
    } catch (error) {
      console.error(`receiver: unexpected failure on ${req.method} ${String(req.url).slice(0, 200)}:`, error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' }, { connection: 'close' });
      else res.destroy();
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const receivedAt = now();
    const target = splitTarget(req.url);
    if (!target) {
      req.resume();
      return reject(req, res, receivedAt, req.url ?? '', 400, 'Bad request target: POST webhooks to /hooks');
    }
    const headers = captureHeaders(req.rawHeaders);

    // The tunnel's self-probe: answered, never stored, before the secret check. Only a short
    // token is echoed, so it cannot reflect content; it has no body and its connection is
    // closed, so probes cannot hold the tunnel's ten pooled connections (issue 25).
    if (headers.probe) {
      req.resume();
      if (!/^[A-Za-z0-9]{1,64}$/.test(headers.probe)) return reject(req, res, receivedAt, target.path, 400, 'Malformed probe');
      if (headers.length > 0 || req.headers['transfer-encoding'] !== undefined) return reject(req, res, receivedAt, target.path, 400, 'A probe has no body');
      res.writeHead(200, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff', 'content-length': headers.probe.length, connection: 'close' });
      res.end(headers.probe);
      return;
    }
    if (!isHooksPath(target.path)) {
      req.resume();
      return reject(req, res, receivedAt, target.path, 404, `Nothing here: POST webhooks to /hooks`);
    }
    if (req.method !== 'POST') {
      req.resume();
      return reject(req, res, receivedAt, target.path, 405, `Method ${req.method} not allowed: Maximizer delivers with POST`, { allow: 'POST' });
    }
    const given = headers.secret ?? querySecret(target.query);
    if (!acceptedSecret(given, secrets, receivedAt)) {
      req.resume();
      const retryAfter = wrongSecrets.take(senderOf(req, headers));
      if (retryAfter) return reject(req, res, receivedAt, target.path, 429, 'Too many requests with a wrong secret', { 'retry-after': String(retryAfter) });
      return reject(req, res, receivedAt, target.path, 401, given ? 'Wrong secret' : `Missing secret: send header ${SECRET_HEADER} or ?secret=`);
    }

    bodies.read(req, headers.length, (error, raw) =>
      guarded(req, res, () => {
        if (error) {
          const status = error instanceof BodyError ? error.status : 400;
          reject(req, res, receivedAt, target.path, status, error.message);
          if (status === 408) req.socket.destroy();
          return;
        }
        let decoded: ReturnType<typeof decodeBody> | null = null;
        if (headers.encoding !== undefined) {
          try {
            decoded = decodeBody(raw, headers.encoding, limit);
          } catch (decodeError) {
            const status = decodeError instanceof BodyError ? decodeError.status : 400;
            return reject(req, res, receivedAt, target.path, status, (decodeError as Error).message);
          }
        }
        committer.add(
          {
            receivedAt,
            method: 'POST',
            path: target.path,
            query: target.query,
            headers: headers.json,
            body: decoded ? decoded.body : raw,
            bodyEncoded: decoded ? decoded.encoded : null,
            contentEncoding: decoded ? decoded.encoding : null,
            decodeError: decoded?.error ?? null,
            remote: req.socket.remoteAddress ?? '',
            origin: headers.test ? 'test' : undefined,
          },
          (commitError, requestId) =>
            guarded(req, res, () => {
              if (commitError) return sendJson(res, 500, { error: `Could not store the webhook: ${commitError.message}` });
              // Committed either way; a simulated answer (status, delay) only changes the reply.
              if (simulator.active) return simulator.answer(res, requestId);
              ack(res, requestId);
            }),
        );
      }),
    );
  };

  const server = createServer((req, res) => guarded(req, res, () => handle(req, res)));
  guardServer(server);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 20_000;
  // Body stalls are answered by BodyReader with a counted 408; this is the backstop.
  server.requestTimeout = bodyTimeout + 5_000;
  server.on('close', () => (indexer.stop(), bodies.close()));
  return { server, indexer, simulator, setSecrets: (next) => void (secrets = next) };
}

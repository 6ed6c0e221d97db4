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
import { BodyError, decodeBody, readBody } from './body';
import { GroupCommitter } from './group-commit';
import { ResponseSimulator } from './simulate';
import { guardServer } from '../http-guard';
import type { ReceiverSecrets } from './messages';

// Node lower-cases incoming header names.
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

const send = sendJson;

/** Header pairs in arrival order, names as sent. */
function headerPairs(req: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return pairs;
}

function isHooksPath(path: string): boolean {
  return path === '/hooks' || path.startsWith('/hooks/');
}

/**
 * The Maximizer target. Answers 200 only after the request is committed, so an
 * acknowledged webhook survives a crash the next instant.
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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = now();
    const target = splitTarget(req.url);
    const remote = req.socket.remoteAddress ?? '';
    const reject = (status: number, reason: string, extra: Record<string, string> = {}) => {
      committer.reject({ receivedAt, status, reason, method: req.method ?? '', path: (target?.path ?? req.url ?? '').slice(0, 512), remote });
      // A refused request's connection is not kept: a flood of them costs each sender a new connection.
      send(res, status, { error: reason }, { connection: 'close', ...extra });
    };
    if (!target) {
      req.resume();
      reject(400, 'Bad request target: POST webhooks to /hooks');
      return;
    }

    // The tunnel's self-probe: answered, never stored.
    // Only a short token is echoed, so the probe cannot be used to reflect content.
    const probe = req.headers[PROBE_HEADER];
    if (typeof probe === 'string' && probe) {
      req.resume();
      if (!/^[A-Za-z0-9]{1,64}$/.test(probe)) return reject(400, 'Malformed probe');
      res.writeHead(200, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' });
      res.end(probe);
      return;
    }
    if (!isHooksPath(target.path)) {
      req.resume();
      reject(404, `Nothing here: POST webhooks to /hooks`);
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      reject(405, `Method ${req.method} not allowed: Maximizer delivers with POST`, { allow: 'POST' });
      return;
    }
    const header = req.headers[SECRET_KEY];
    const given = typeof header === 'string' ? header : target.query ? new URLSearchParams(target.query).get('secret') : null;
    if (!acceptedSecret(given, secrets, receivedAt)) {
      req.resume();
      reject(401, given ? 'Wrong secret' : `Missing secret: send header ${SECRET_HEADER} or ?secret=`);
      return;
    }

    let raw: Buffer;
    try {
      raw = await readBody(req, limit, bodyTimeout);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      reject(status, (error as Error).message);
      if (status === 408) req.socket.destroy();
      return;
    }

    let decoded: ReturnType<typeof decodeBody>;
    try {
      decoded = decodeBody(raw, req.headers['content-encoding'], limit);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      reject(status, (error as Error).message);
      return;
    }
    try {
      const requestId = await committer.add({
        receivedAt,
        method: req.method,
        path: target.path,
        query: target.query,
        headers: headerPairs(req),
        body: decoded.body,
        bodyEncoded: decoded.encoded,
        contentEncoding: decoded.encoding,
        decodeError: decoded.error ?? null,
        remote,
        origin: req.headers[TEST_EVENT_KEY] ? 'test' : undefined,
      });
      // Committed either way; a simulated answer (status, delay) only changes the reply.
      if (simulator.active) return simulator.answer(res, requestId);
      send(res, 200, { received: true, request: requestId });
    } catch (error) {
      send(res, 500, { error: `Could not store the webhook: ${(error as Error).message}` });
    }
  };

  // Crash-only: whatever a request causes, it costs that request alone. A throw that gets
  // here is a bug; it is logged and answered 500, and the worker keeps serving.
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`receiver: unexpected failure on ${req.method} ${String(req.url).slice(0, 200)}:`, error);
      if (!res.headersSent) send(res, 500, { error: 'Internal error' }, { connection: 'close' });
      else res.destroy();
    });
  });
  guardServer(server);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 20_000;
  // Body stalls are answered per request above with a counted 408; this is the backstop.
  server.requestTimeout = bodyTimeout + 5_000;
  server.on('close', () => indexer.stop());
  return { server, indexer, simulator, setSecrets: (next) => void (secrets = next) };
}

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { calls, errorStatus, type ErrorCode } from '@shared/contract';
import { CSP } from '@shared/csp';
import type { Engine } from '../engine/engine';
import { dispatch } from '../engine/rpc';
import { guardServer, MAX_JSON_DEPTH, nestsDeeperThan, requestPath } from '../engine/http-guard';
import { readBodyUpTo, sendJson as sendJsonTo } from '../engine/http-json';

export interface UiServerOptions {
  engine: Engine;
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  maxRpcBodyBytes?: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export { CSP } from '@shared/csp';

const sendJson = (res: ServerResponse, status: number, body: unknown) => sendJsonTo(res, status, body, { 'cache-control': 'no-store' });

/** The status always follows the code (`errorStatus`), so a client can trust either. */
const sendError = (res: ServerResponse, code: ErrorCode, message: string) => sendJson(res, errorStatus[code], { error: { code, message } });

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBodyUpTo(req, limit)).toString('utf8').trim();
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new Error(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * Browser mode: the same UI and the same contract as the desktop app, over
 * `POST /api/rpc/<method>` and server-sent events at `/api/events`.
 */
export function createUiServer(options: UiServerOptions): Server {
  const { engine } = options;
  const expected = Buffer.from(`Bearer ${options.token}`);
  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const allowedHost = (host: string | undefined) => {
    const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
    return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    // DNS rebinding guard: a page on another origin cannot reach us under its own name.
    if (!allowedHost(req.headers.host)) return sendError(res, 'unauthorized', 'Host not allowed: use 127.0.0.1 or localhost');
    const url = requestPath(req.url);
    if (!url) {
      req.resume();
      return sendError(res, 'bad_request', 'Bad request target');
    }

    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req)) return sendError(res, 'unauthorized', 'Missing or wrong API token: send Authorization: Bearer <token>');
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(req, res, engine);
      if (url.pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, describeContract());
      const rpc = /^\/api\/rpc\/([A-Za-z0-9_]+)$/.exec(url.pathname);
      if (!rpc) return sendError(res, 'not_found', `No API at ${url.pathname}`);
      if (req.method !== 'POST') return sendError(res, 'bad_request', 'Use POST for /api/rpc calls');
      let input: unknown;
      try {
        input = await readJson(req, options.maxRpcBodyBytes ?? 64 * 1024 * 1024);
      } catch (error) {
        return sendError(res, 'bad_request', `Body is not JSON: ${(error as Error).message}`);
      }
      const result = await dispatch(engine.handlers, rpc[1]!, input);
      if (result.ok) return sendJson(res, 200, result.result ?? null);
      return sendJson(res, errorStatus[result.error.code], { error: result.error });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'bad_request', 'Method not allowed: the UI is served to GET and HEAD');
    serveStatic(options.staticDir, url.pathname, res);
  };

  // Crash-only: a throw that gets here is a bug; it costs this request a 500, never the process.
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`browser mode: unexpected failure on ${req.method} ${String(req.url).slice(0, 200)}:`, error);
      if (!res.headersSent) sendError(res, 'internal', 'Internal error');
      else res.destroy();
    });
  });
  return guardServer(server);
}

/** Every call with its doc line and its argument as JSON Schema, for automation clients. */
export function describeContract(): Record<string, { doc: string; input: unknown }> {
  return Object.fromEntries(
    Object.entries(calls).map(([name, spec]) => {
      let input: unknown = {};
      try {
        input = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' });
      } catch {
        // a schema JSON Schema cannot express is still callable; its doc line says what it takes
      }
      return [name, { doc: spec.doc, input }];
    }),
  );
}

/** `pathname` was checked by `requestPath`: its percent-encoding decodes. */
function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  if (pathname.includes('%00')) return sendError(res, 'not_found', 'Not found');
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) return sendError(res, 'not_found', 'Not found');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) return sendError(res, 'unavailable', 'The UI is not built: run `npm run build`');
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    ...(isIndex ? { 'content-security-policy': CSP } : {}),
  });
  // A peer that already hung up gets nothing (piping into a destroyed response throws); pipeline,
  // not pipe, so a later hang-up does not become an 'error' nobody listens to.
  if (res.destroyed) return;
  pipeline(createReadStream(file), res, () => {});
}

function streamEvents(req: IncomingMessage, res: ServerResponse, engine: Engine): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  const off = engine.bus.onAny((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    off();
    clearInterval(heartbeat);
  });
}

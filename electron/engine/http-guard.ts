import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { jsonTextOverBounds, MAX_JSON_DEPTH } from '@shared/json-bounds';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

/** What Node's parser error means for the peer: a header flood is 431, a stalled request 408, the rest 400. */
function statusFor(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return 408;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  return 400;
}

export interface GuardOptions {
  /** Whole request (headers + body) deadline; 0 leaves it to the handler. Default 30 s. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
}

/**
 * What every server a peer can reach shares (receiver, browser mode, sandbox, tunnel server):
 * requests that Node's parser refuses (bad request line, broken chunked encoding, conflicting
 * lengths, header floods) get a plain 4xx with `Connection: close` instead of a silent reset, and
 * slow peers are cut off by `headersTimeout`/`requestTimeout`, so a few of them cannot hold every
 * connection. Handlers keep their own catch-all: this covers what happens before a handler runs.
 */
export function guardServer(server: Server, options: GuardOptions = {}): Server {
  server.headersTimeout = options.headersTimeoutMs ?? Math.min(server.headersTimeout || 20_000, 20_000);
  if (options.requestTimeoutMs !== undefined) server.requestTimeout = options.requestTimeoutMs;
  else if (!server.requestTimeout || server.requestTimeout > 30_000) server.requestTimeout = 30_000;
  // Node's parser caps the header block at 16 KiB (431); this caps how many fields it keeps.
  server.maxHeadersCount = 200;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = statusFor(error.code);
    socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}

/**
 * Whether JSON text nests deeper than `max` arrays/objects. Checked before `JSON.parse`, so a
 * body like `[[[[…]]]]` is a 400 rather than a stack overflow in whatever walks the value later.
 */
export const nestsDeeperThan = (text: string, max: number): boolean => jsonTextOverBounds(text, { maxDepth: max, maxValues: Infinity }) !== null;

export { MAX_JSON_DEPTH };

/** The path of a request target, or null when it is not one (absolute-form, `*`, `//[x/`, bad percent-encoding). */
export function requestPath(target: string | undefined): { pathname: string; searchParams: URLSearchParams } | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    const url = new URL(target, 'http://localhost');
    decodeURIComponent(url.pathname);
    return { pathname: url.pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}

/**
 * The last guard of a server process (browser mode, the sandbox and tunnel server CLIs): every
 * handler answers its own failures, so reaching here is a bug. It is logged and the process keeps
 * serving, because one request must never take the whole process down.
 */
export function keepServingOnBugs(label: string, log: (line: string) => void = (line) => console.error(line)): void {
  process.on('unhandledRejection', (reason) => log(`${label}: unhandled rejection (a bug; still serving): ${(reason as Error)?.stack ?? String(reason)}`));
  process.on('uncaughtException', (error) => log(`${label}: uncaught exception (a bug; still serving): ${error.stack ?? String(error)}`));
}

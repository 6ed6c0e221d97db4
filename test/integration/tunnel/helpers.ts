import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBE_HEADER } from '../../../shared/tunnel';
import type { TunnelWatchdog, WatchdogState } from '../../../electron/engine/tunnel/watchdog';

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Receiver {
  port: number;
  received: Received[];
  probes: number;
  close(): Promise<void>;
}

export const listen = async (server: Server, port = 0): Promise<number> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
};

export const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** A plain HTTP server standing in for the inspector's receiver: records requests, answers probes like it. */
export async function startReceiver(): Promise<Receiver> {
  const state = { received: [] as Received[], probes: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const probe = req.headers[PROBE_HEADER];
      if (typeof probe === 'string' && probe) {
        state.probes++;
        res.end(probe);
        return;
      }
      state.received.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: 1 }));
    });
  });
  const port = await listen(server);
  return {
    port,
    get received() {
      return state.received;
    },
    get probes() {
      return state.probes;
    },
    close: () => close(server),
  };
}

/**
 * A front door to a tunnel server that can turn "dead": it keeps answering, but
 * with the 503 the public server gives for a tunnel it has forgotten — while the
 * client's pooled connections stay open, so the client itself notices nothing.
 */
export async function startFrontDoor(target: () => number) {
  let dead = false;
  const server = createServer((req, res) => {
    if (dead) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Tunnel Unavailable');
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: target(), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : (res.writeHead(502), res.end())));
    req.pipe(upstream);
  });
  const port = await listen(server);
  return {
    port,
    kill: () => {
      dead = true;
    },
    close: () => close(server),
  };
}

/** Resolves with the first state (current or coming) that matches. */
export function waitForState<S extends WatchdogState['state']>(
  watchdog: TunnelWatchdog,
  state: S,
  timeoutMs = 10_000,
): Promise<Extract<WatchdogState, { state: S }>> {
  type Found = Extract<WatchdogState, { state: S }>;
  if (watchdog.state.state === state) return Promise.resolve(watchdog.state as Found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watchdog.off('change', onChange);
      reject(new Error(`no "${state}" within ${timeoutMs} ms; last state: ${JSON.stringify(watchdog.state)}`));
    }, timeoutMs);
    const onChange = (next: WatchdogState) => {
      if (next.state !== state) return;
      clearTimeout(timer);
      watchdog.off('change', onChange);
      resolve(next as Found);
    };
    watchdog.on('change', onChange);
  });
}

/** Polls until `check` returns something other than undefined/false. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { pipeline } from 'node:stream';
import { guardServer, requestPath } from '../../http-guard';
import { isTunnelId, readableId } from '../names';
import { PoolError, SocketPool } from './pool';
import { forwardableHeaders, routeOf } from './routing';
import { sendJson } from '../../http-json';

export { TUNNEL_ID_HEADER, TUNNEL_PATH_PREFIX } from './routing';

export interface TunnelServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The interface for the HTTP port and every client's TCP port. Default 127.0.0.1. */
  host?: string;
  /** Route `<id>.<domain>` Hosts to tunnels and hand out `http://<id>.<domain>:<port>` URLs. */
  domain?: string;
  /**
   * The public URL handed to clients, with `{id}` for the tunnel id, e.g.
   * `https://{id}.tunnel.example.com` behind a TLS proxy. Default: from `domain`, else
   * `http://<host>:<port>/tunnels/{id}`.
   */
  publicUrl?: string;
  /** Pooled connections per client (`max_conn_count`). Default 10, like the public server. */
  maxSockets?: number;
  /** How long a request waits for a free pooled connection before a 504. Default 10 s. */
  queueTimeoutMs?: number;
  /** How long a client may have no connection before it is removed. Default 5 s. */
  graceMs?: number;
  random?: () => number;
  log?: (line: string) => void;
}

export interface TunnelClientInfo {
  id: string;
  port: number;
  url: string;
  connectedSockets: number;
}

export interface TunnelServer {
  /** What a client uses as its tunnel host, e.g. `http://127.0.0.1:5192`. */
  url: string;
  port: number;
  clients(): TunnelClientInfo[];
  /** Closes every port and drops every connection, as a crash would. */
  stop(): Promise<void>;
}

interface Client {
  id: string;
  url: string;
  port: number;
  pool: SocketPool;
  grace?: NodeJS.Timeout;
}

const json = (res: ServerResponse, status: number, body: unknown) => sendJson(res, status, body);

const text = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host.startsWith('127.');

/**
 * A server speaking the localtunnel protocol, as the stock client expects it:
 * `GET /?new` or `GET /<id>` registers a client and answers
 * `{ id, port, max_conn_count, url }`; the client then opens up to
 * `max_conn_count` TCP connections to `port`, and each carries HTTP requests
 * addressed to its tunnel. Unlike the public server, a requested id that a
 * connected client holds is refused (409) instead of silently swapped for a random one.
 */
export async function startTunnelServer(options: TunnelServerOptions = {}): Promise<TunnelServer> {
  const host = options.host ?? '127.0.0.1';
  const maxSockets = options.maxSockets ?? 10;
  const queueTimeoutMs = options.queueTimeoutMs ?? 10_000;
  const graceMs = options.graceMs ?? 5_000;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const domains = [...(options.domain ? [options.domain.toLowerCase()] : []), 'localhost'];
  const clients = new Map<string, Client>();
  let port = options.port ?? 0;

  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const publicUrlFor = (id: string): string => {
    if (options.publicUrl) return options.publicUrl.replaceAll('{id}', id);
    if (options.domain) return `http://${id}.${options.domain}:${port}`;
    return `http://${displayHost}:${port}/tunnels/${id}`;
  };

  const remove = (client: Client, why: string) => {
    clearTimeout(client.grace);
    client.pool.close();
    if (clients.get(client.id) === client) {
      clients.delete(client.id);
      log(`tunnel ${client.id} removed (${why})`);
    }
  };

  const armGrace = (client: Client) => {
    clearTimeout(client.grace);
    client.grace = setTimeout(() => {
      if (client.pool.connected === 0) remove(client, `no connection for ${graceMs / 1000}s`);
    }, graceMs);
    client.grace.unref();
  };

  async function register(id: string, res: ServerResponse): Promise<void> {
    const existing = clients.get(id);
    if (existing && existing.pool.connected > 0) {
      json(res, 409, { message: `Subdomain "${id}" is in use by a connected client. Try again once it disconnects, or ask for another.` });
      return;
    }
    // A holder with no connection left is a client that went away: the newcomer takes over.
    if (existing) remove(existing, 'replaced by a new registration');
    const client: Client = {
      id,
      url: publicUrlFor(id),
      port: 0,
      pool: new SocketPool({
        host,
        maxSockets,
        queueTimeoutMs,
        idleSocketMs: 30_000,
        onCountChange: (connected) => {
          if (connected > 0) clearTimeout(client.grace);
          else armGrace(client);
        },
      }),
    };
    clients.set(id, client);
    armGrace(client);
    try {
      client.port = await client.pool.listen();
    } catch (error) {
      remove(client, 'could not open its port');
      json(res, 500, { message: `Could not open a tunnel port: ${(error as Error).message}` });
      return;
    }
    log(`tunnel ${id} registered on port ${client.port}: ${client.url}`);
    json(res, 200, {
      id,
      port: client.port,
      max_conn_count: maxSockets,
      url: client.url,
      // The stock client connects to `ip` when given; tunnel ports on loopback are only reachable there.
      ...(isIP(host) && isLoopback(host) ? { ip: host } : {}),
    });
  }

  function forward(client: Client, path: string, req: IncomingMessage, res: ServerResponse): void {
    const headers = forwardableHeaders(req.rawHeaders);
    headers.push('X-Forwarded-For', req.socket.remoteAddress ?? '', 'X-Forwarded-Proto', 'http');
    const upstream = request({ agent: client.pool.agent, host: client.id, port: client.port, method: req.method, path, headers }, (answer) => {
      // The requester may have hung up while the tunnel client answered: piping into a
      // destroyed response throws, outside any handler's catch.
      if (res.destroyed) return void answer.destroy();
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardableHeaders(answer.rawHeaders));
      pipeline(answer, res, () => {});
    });
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = error instanceof PoolError ? error.status : 502;
      text(res, status, status === 504 ? error.message : `The tunnel client did not answer: ${error.message}`);
    });
    pipeline(req, upstream, () => {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const route = routeOf(rawUrl, req.headers, domains);
    if (route) {
      const client = clients.get(route.id);
      if (!client) {
        req.resume();
        text(res, 404, `No tunnel "${route.id}" is connected to this server.`);
        return;
      }
      forward(client, route.path, req, res);
      return;
    }

    req.resume();
    const url = requestPath(rawUrl);
    if (!url) {
      text(res, 400, 'Bad request target.');
      return;
    }
    if (req.method !== 'GET') {
      text(res, 405, 'Only GET is served here; tunnel traffic goes to a tunnel URL.');
      return;
    }
    if (url.pathname === '/api/status') {
      json(res, 200, { tunnels: clients.size, clients: listClients() });
      return;
    }
    const status = /^\/api\/tunnels\/([^/]+)\/status$/.exec(url.pathname);
    if (status) {
      const client = clients.get(status[1]!);
      if (client) json(res, 200, { connected_sockets: client.pool.connected });
      else json(res, 404, { message: 'No such tunnel' });
      return;
    }
    if (url.pathname === '/') {
      if (url.searchParams.has('new')) {
        let id = readableId(random, '');
        while (clients.has(id)) id = readableId(random, '');
        await register(id, res);
        return;
      }
      text(res, 200, 'localtunnel-protocol server (Maximizer Webhook Inspector). Register with GET /?new or GET /<subdomain>.\n');
      return;
    }
    const segments = url.pathname.split('/');
    if (segments.length === 2) {
      const id = segments[1]!;
      if (!isTunnelId(id)) {
        json(res, 403, {
          message: 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.',
        });
        return;
      }
      await register(id, res);
      return;
    }
    text(res, 404, 'Not found.');
  }

  function listClients(): TunnelClientInfo[] {
    return [...clients.values()].map((c) => ({ id: c.id, port: c.port, url: c.url, connectedSockets: c.pool.connected }));
  }

  // Crash-only: a throw that gets here is a bug; it is logged and costs this request a 500.
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`tunnel server: unexpected failure on ${req.method} ${String(req.url).slice(0, 200)}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) text(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  guardServer(server, { requestTimeoutMs: 60_000 });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;

  return {
    url: `http://${displayHost}:${port}`,
    port,
    clients: listClients,
    stop: async () => {
      for (const client of [...clients.values()]) remove(client, 'server stopping');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

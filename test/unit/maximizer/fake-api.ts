import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  /** Raw request target as sent on the wire (path + query, still percent-encoded). */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply = (request: Seen, response: ServerResponse, index: number) => void;

/** A scripted HTTP server on 127.0.0.1 (ephemeral port): answer number n uses replies[n] (the last one repeats). */
export interface FakeApi {
  baseUrl: string;
  port: number;
  seen: Seen[];
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startFakeApi(prefix = '/webhooks'): Promise<FakeApi> {
  let replies: Reply[] = [json(200, { Data: { Items: [] } })];
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      const index = seen.length - 1;
      const reply = replies[Math.min(index, replies.length - 1)]!;
      reply(entry, response, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    port,
    seen,
    script: (...next) => {
      replies = next;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };

export const problem =
  (status: number, title: string, detail?: string, headers: Record<string, string> = {}): Reply =>
  (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/problem+json', ...headers });
    response.end(JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110', title, status, ...(detail !== undefined && { detail }) }));
  };

export const raw =
  (status: number, body: string, headers: Record<string, string> = {}): Reply =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

export const noContent: Reply = (_request, response) => {
  response.writeHead(204);
  response.end();
};

/** Never answers (the client's timeout must end the wait). */
export const hang: Reply = () => {};

/** Sends the status line and headers, then stalls in the middle of the body. */
export const stallBody: Reply = (_request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
  response.write('{"Data":');
};

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

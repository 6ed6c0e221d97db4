import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the test's webhook handler received. */
export interface Hit {
  receivedAt: number;
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
  /** When the handler finished answering it; unset while it is still holding the request. */
  answeredAt?: number;
}

export interface Answer {
  status: number;
  body?: string;
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface Handler {
  url: string;
  hits: Hit[];
  close(): Promise<void>;
}

export const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The raw header value(s) of `name` in a hit, ignoring case. */
export const headerValues = (hit: Hit, name: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < hit.rawHeaders.length; i += 2) if (hit.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) out.push(hit.rawHeaders[i + 1]!);
  return out;
};

/** A real local webhook handler on 127.0.0.1 (ephemeral port) that answers as `answer` says. */
export async function startHandler(answer: (hit: Hit, index: number) => Answer): Promise<Handler> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit: Hit = { receivedAt: Date.now(), method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
      const index = hits.push(hit) - 1;
      const a = answer(hit, index);
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(a.status, { 'content-type': 'text/plain', ...(a.headers ?? {}) });
        res.end(a.body ?? '', () => (hit.answeredAt = Date.now()));
      };
      if (a.delayMs) setTimeout(reply, a.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

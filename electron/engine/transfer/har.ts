import { z } from 'zod';
import type { ExportedRequest } from './format';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per stored request, as
 * the receiver saw it. Bodies that are valid UTF-8 go in `postData.text`; others as base64 with
 * `_encoding: "base64"` (custom fields start with `_`). `_mwi` carries what HAR has no field for,
 * so an import restores the exact bytes and knows which entries are retries of one event.
 */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: never[];
    headers: { name: string; value: string }[];
    queryString: { name: string; value: string }[];
    postData: { mimeType: string; text: string; _encoding?: 'base64' };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: never[];
    headers: { name: string; value: string }[];
    content: { size: number; mimeType: string; text: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: -1;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _mwi: {
    requestId?: number;
    eventIds: number[];
    webhookIds: (string | null)[];
    origin?: string;
    contentEncoding?: string | null;
    bodyEncodedBase64?: string;
    decodeError?: string;
  };
}

export function harHeader(version: string): string {
  return `{"log":{"version":"1.2","creator":{"name":"Maximizer Webhook Inspector","version":${JSON.stringify(version)}},"entries":[`;
}
export const HAR_FOOTER = ']}}';

/** A body's text form when it round-trips exactly through UTF-8, else null. */
export function exactText(bytes: Buffer): string | null {
  const text = bytes.toString('utf8');
  return Buffer.byteLength(text) === bytes.length && Buffer.from(text, 'utf8').equals(bytes) ? text : null;
}

export function harEntry(r: ExportedRequest, receiverBase: string, events: { id: number; webhookId: string | null }[]): HarEntry {
  const body = Buffer.from(r.bodyBase64, 'base64');
  const text = exactText(body);
  const mimeType = r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
  const wait = r.ackAt != null ? Math.max(0, r.ackAt - r.receivedAt) : 0;
  return {
    startedDateTime: new Date(r.receivedAt).toISOString(),
    time: wait,
    request: {
      method: r.method,
      url: `${receiverBase}${r.path}${r.query}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: r.headers.map(([name, value]) => ({ name, value })),
      queryString: [...new URLSearchParams(r.query)].map(([name, value]) => ({ name, value })),
      postData: text !== null ? { mimeType, text } : { mimeType, text: r.bodyBase64, _encoding: 'base64' },
      headersSize: -1,
      bodySize: body.length,
    },
    response: {
      status: r.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'application/json', text: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait, receive: 0 },
    _mwi: {
      requestId: r.id,
      eventIds: events.map((e) => e.id),
      webhookIds: events.map((e) => e.webhookId),
      origin: r.origin,
      contentEncoding: r.contentEncoding ?? null,
      ...(r.bodyEncodedBase64 ? { bodyEncodedBase64: r.bodyEncodedBase64 } : {}),
      ...(r.decodeError ? { decodeError: r.decodeError } : {}),
    },
  };
}

/** What an import reads from any HAR (ours or a browser's): lenient, since HAR writers differ. */
export const harFile = z.object({
  log: z.object({
    entries: z.array(
      z.object({
        startedDateTime: z.string().optional(),
        request: z.object({
          method: z.string().default('POST'),
          url: z.string(),
          headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
          postData: z
            .object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional(), _encoding: z.string().optional() })
            .optional(),
        }),
        response: z.object({ status: z.number().optional() }).partial().optional(),
        _mwi: z
          .object({
            requestId: z.number().optional(),
            eventIds: z.array(z.number()).optional(),
            contentEncoding: z.string().nullable().optional(),
            bodyEncodedBase64: z.string().optional(),
            decodeError: z.string().optional(),
          })
          .partial()
          .optional(),
      }),
    ),
  }),
});
export type HarFileEntry = z.infer<typeof harFile>['log']['entries'][number];

import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http-guard';
import { BodyTooLarge, readBodyUpTo } from '../http-json';
import { assumptionHeader } from './assumptions';

/** ProblemDetails (RFC 9457) with the PascalCase names of the OpenAPI document; extra members are allowed. */
export interface ProblemDetails {
  Type: string;
  Title: string;
  Status: number;
  Detail: string | null;
  Instance: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', '15.5.1'],
  401: ['Unauthorized', '15.5.2'],
  403: ['Forbidden', '15.5.4'],
  404: ['Not Found', '15.5.5'],
  405: ['Method Not Allowed', '15.5.6'],
  409: ['Conflict', '15.5.10'],
  413: ['Content Too Large', '15.5.14'],
  415: ['Unsupported Media Type', '15.5.16'],
};

export function problem(status: number, detail: string | null, instance: string, extra: Record<string, unknown> = {}): ProblemDetails {
  const [title, section] = TITLES[status] ?? ['Error', '15'];
  return { Type: `https://tools.ietf.org/html/rfc9110#section-${section}`, Title: title, Status: status, Detail: detail, Instance: instance, ...extra };
}

/** The document declares `application/json` for every body, errors included. */
export { sendJson } from '../http-json';

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The media types the API accepts for JSON bodies (CONTRACT §2); `json-patch+json` is still plain JSON here. */
const JSON_MEDIA = /^(application\/json|text\/json|application\/[\w.+-]*\+json)$/i;

/** Reads a JSON body; an empty body is undefined. */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<{ value: unknown; raw: Buffer } | undefined> {
  const raw = await readBodyUpTo(req, maxBytes).catch((error: unknown) => {
    throw error instanceof BodyTooLarge ? new HttpError(413, error.message, {}, assumptionHeader('bodySize')) : error;
  });
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  const media = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA.test(media))
    throw new HttpError(415, `Send the body as application/json (got ${media ? `"${media}"` : 'no Content-Type'}).`, {}, assumptionHeader('mediaType'));
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new HttpError(400, `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return { value: JSON.parse(text) as unknown, raw };
  } catch (error) {
    throw new HttpError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

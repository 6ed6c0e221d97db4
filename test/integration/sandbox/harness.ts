import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/engine/sandbox';

/** Reference files are read in place from ../shared/maximizer (never copied into the repo). */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const referenceFile = (name: string): string => resolve(repoRoot, '../shared/maximizer', name);

export const ADMIN = 'admin-token-for-tests';
export const USER = 'user-token-for-tests';

export async function sandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox & { lines: string[] }> {
  const lines: string[] = [];
  const started = await startSandbox({ adminTokens: [ADMIN], userTokens: [USER], seed: 7, retryDelayMs: 20, log: (line) => lines.push(line), ...options });
  return Object.assign(started, { lines });
}

// ---- the OpenAPI document, with its $refs resolved in place by ajv --------------------------------

type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};
const DOC_ID = 'webhooks-openapi.json';
export const openapi = JSON.parse(readFileSync(referenceFile(DOC_ID), 'utf8')) as OpenApi;
// OpenAPI 3.0 schemas use `nullable` (ajv supports it) and int32/uri formats (ajv-formats); other OpenAPI keys are not schema keywords.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openapi as object, DOC_ID);

const pointer = (...parts: string[]): string => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const validators = new Map<string, ValidateFunction>();
function validatorFor(template: string, method: string, status: string, media: string): ValidateFunction {
  const ref = `${DOC_ID}#/${pointer('paths', template, method, 'responses', status, 'content', media, 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema at ${ref}`);
    validators.set(ref, validate);
  }
  return validate;
}

const templates = Object.keys(openapi.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders | Headers;
  text: string;
  /** Parsed JSON body (undefined when empty). */
  json: any;
}

/** Every management-API response seen by the tests (for the PascalCase check of §7.19). */
export const managementBodies: { what: string; body: unknown }[] = [];

/**
 * Calls the sandbox's Webhooks API and checks the answer against the OpenAPI document: the status
 * must be declared for the operation, a declared body must validate against its schema, and a
 * response declared without content must be empty.
 */
export async function api(
  sb: Sandbox,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; raw?: string; contentType?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? ADMIN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.raw !== undefined || options.body !== undefined) {
    body = options.raw ?? JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(`${sb.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const reply: Reply = { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };

  const pathOnly = path.split('?')[0] as string;
  const found = templates.find((t) => t.pattern.test(pathOnly));
  if (!found) throw new Error(`${path} is not an operation of the document`);
  const operation = openapi.paths[found.template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${found.template} is not an operation of the document`);
  // CONTRACT §2: PUT declares no 409, but the emulator answers duplicates with 409 on PUT as on POST.
  if (!operation.responses[String(reply.status)] && method === 'PUT' && reply.status === 409) {
    const problem = ajv.getSchema(`${DOC_ID}#/components/schemas/ProblemDetails`)!;
    if (!problem(reply.json)) throw new Error(`PUT ${path} → 409 is not ProblemDetails: ${ajv.errorsText(problem.errors)}`);
    managementBodies.push({ what: `${method} ${path} → 409`, body: reply.json });
    return reply;
  }
  const declared = operation.responses[String(reply.status)];
  if (!declared)
    throw new Error(
      `${method} ${path} answered ${reply.status}, which the document does not declare (${Object.keys(operation.responses).join(', ')}): ${text}`,
    );
  if (!declared.content) {
    if (text !== '') throw new Error(`${method} ${path} → ${reply.status} must have no body, got ${text}`);
    return reply;
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/json')) throw new Error(`${method} ${path} → ${reply.status}: content-type ${contentType}`);
  const validate = validatorFor(found.template, method.toLowerCase(), String(reply.status), 'application/json');
  if (!validate(reply.json)) throw new Error(`${method} ${path} → ${reply.status} does not match the document: ${ajv.errorsText(validate.errors)}\n${text}`);
  managementBodies.push({ what: `${method} ${path} → ${reply.status}`, body: reply.json });
  return reply;
}

/** A call to the sandbox's own /sandbox/... endpoints (not part of the Webhooks API document). */
export async function control(sb: Sandbox, method: string, path: string, body?: unknown, token: string | null = ADMIN): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sb.rootUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

// ---- a real local webhook target -----------------------------------------------------------------

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Target {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A target that answers each request with `reply(request, n)`: a status, optionally after a delay. */
export async function target(reply: (request: Received, n: number) => { status: number; delayMs?: number } = () => ({ status: 200 })): Promise<Target> {
  const received: Received[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const { status, delayMs = 0 } = reply(request, received.length);
      const answer = () => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, delayMs);
        timers.add(timer);
      } else answer();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((ok) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** Creates a target and a subscription to it; returns both ids. */
export async function subscribe(
  sb: Sandbox,
  url: string,
  subscription: { Entity: string; Op: string; Filter?: string[] | null; Recipients?: string[] | null },
  endpoint: { Name?: string; Headers?: { Key: string; Value: string }[] } = {},
): Promise<{ targetId: string; subscriptionId: string }> {
  const created = await api(sb, 'POST', '/v1/targets', {
    body: { Name: endpoint.Name ?? `target ${url} ${Math.random()}`, Endpoint: { Url: url, Headers: endpoint.Headers ?? [] } },
  });
  if (created.status !== 201) throw new Error(created.text);
  const targetId = created.json.Data.Item.TargetId as string;
  const sub = await api(sb, 'POST', '/v1/subscriptions', { body: { ...subscription, TargetId: targetId } });
  if (sub.status !== 201) throw new Error(sub.text);
  return { targetId, subscriptionId: sub.json.Data.Item.SubscriptionId as string };
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MaximizerClient, MaximizerError, type MaximizerClientOptions } from '../../../electron/engine/maximizer';
import { closedPort, hang, json, noContent, problem, raw, stallBody, startFakeApi, type FakeApi } from './fake-api';

const TOKEN = 'pat-SECRET-0123456789abcdef';
const TARGET_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const SUB_ID = '9a7b3c2d-1e0f-4a5b-8c7d-6e5f4a3b2c1d';
const NOW = Date.UTC(2025, 6, 1, 12, 0, 0);

const target = {
  TargetId: TARGET_ID,
  Name: 'Inspector',
  Enabled: true,
  Endpoint: { Url: 'https://example.test/hook', Headers: [{ Key: 'X-Secret', Value: 's' }] },
};
const subscription = { SubscriptionId: SUB_ID, Entity: 'Opportunity', Op: 'Update', TargetId: TARGET_ID, Recipients: [], Filter: ['{"Revenue":{"$GT":1000}}'] };

let api: FakeApi;
let sleeps: number[];
let logs: string[];

function client(options: Partial<MaximizerClientOptions> = {}) {
  return new MaximizerClient({
    token: TOKEN,
    baseUrl: api.baseUrl,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5, // no jitter: waits are exactly the exponential series
    log: (line) => logs.push(line),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<MaximizerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MaximizerError);
  return error as MaximizerError;
}

beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  sleeps = [];
  logs = [];
});

describe('MaximizerClient requests', () => {
  it('sends the token as a Bearer header and lists targets by name', async () => {
    api.script(json(200, { Data: { Items: [target] } }));
    const targets = await client().listTargets('Inspector & co');
    expect(targets).toEqual([target]);
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]!.method).toBe('GET');
    expect(api.seen[0]!.url).toBe('/webhooks/v1/targets?Name=Inspector%20%26%20co');
    expect(api.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('reads camelCase answers, ignores unknown fields and treats Items: null as no items', async () => {
    api.script(
      json(200, { data: { items: [{ targetId: TARGET_ID, name: 'x', enabled: false, endpointType: 1, endpoint: { url: 'https://a.test', headers: null } }] } }),
      json(200, { Data: { Items: null } }),
    );
    expect(await client().listTargets()).toEqual([{ TargetId: TARGET_ID, Name: 'x', Enabled: false, Endpoint: { Url: 'https://a.test', Headers: null } }]);
    expect(await client().listTargets()).toEqual([]);
  });

  it('uses the documented method, path and body for each of the 12 operations', async () => {
    const c = client();
    const body = { Name: 'Inspector', Endpoint: { Url: 'https://example.test/hook', Headers: [{ Key: 'X-Secret', Value: 's' }] } };
    const subBody = { Entity: 'Opportunity', Op: 'Update', TargetId: TARGET_ID, Filter: ['{"Revenue":{"$GT":1000}}'] };
    const cases: [() => Promise<unknown>, string, string, unknown?][] = [
      [() => c.listTargets(), 'GET', '/webhooks/v1/targets'],
      [() => c.createTarget(body), 'POST', '/webhooks/v1/targets', body],
      [() => c.updateTarget(TARGET_ID, body), 'PUT', `/webhooks/v1/targets/${TARGET_ID}`, body],
      [() => c.deleteTarget(TARGET_ID), 'DELETE', `/webhooks/v1/targets/${TARGET_ID}`],
      [() => c.enableTarget(TARGET_ID), 'PATCH', `/webhooks/v1/targets/${TARGET_ID}/enable`],
      [() => c.disableTarget(TARGET_ID), 'PATCH', `/webhooks/v1/targets/${TARGET_ID}/disable`],
      [
        () => c.listSubscriptions({ targetId: TARGET_ID, entity: 'Opportunity', op: 'Update' }),
        'GET',
        `/webhooks/v1/subscriptions?TargetId=${TARGET_ID}&Entity=Opportunity&Op=Update`,
      ],
      [() => c.createSubscription(subBody), 'POST', '/webhooks/v1/subscriptions', subBody],
      [() => c.updateSubscription(SUB_ID, subBody), 'PUT', `/webhooks/v1/subscriptions/${SUB_ID}`, subBody],
      [() => c.deleteSubscription(SUB_ID), 'DELETE', `/webhooks/v1/subscriptions/${SUB_ID}`],
      [() => c.addRecipient(SUB_ID, 'a b/c?d#e%f@acme.com'), 'PUT', `/webhooks/v1/subscriptions/${SUB_ID}/recipients/a%20b%2Fc%3Fd%23e%25f%40acme.com`],
      [() => c.removeRecipient(SUB_ID, 'ops@acme.com'), 'DELETE', `/webhooks/v1/subscriptions/${SUB_ID}/recipients/ops%40acme.com`],
    ];
    for (const [run, method, url, sent] of cases) {
      const list = url.includes('/v1/targets') ? { Data: { Items: [target] } } : { Data: { Items: [subscription] } };
      const single = url.includes('/v1/targets') ? { Data: { Item: target } } : { Data: { Item: subscription } };
      api.script(method === 'GET' ? json(200, list) : sent === undefined ? noContent : json(method === 'POST' ? 201 : 200, single));
      await run();
      expect(api.seen.map((s) => `${s.method} ${s.url}`)).toEqual([`${method} ${url}`]);
      if (sent !== undefined) {
        expect(JSON.parse(api.seen[0]!.body)).toEqual(sent);
        expect(api.seen[0]!.headers['content-type']).toMatch(/^application\/json/);
      }
    }
  });

  it('returns the created and updated items', async () => {
    api.script(json(201, { Data: { Item: subscription } }));
    await expect(client().createSubscription({ Entity: 'Opportunity', Op: 'Update', TargetId: TARGET_ID })).resolves.toEqual(subscription);
    api.script(json(200, { data: { item: target } }));
    await expect(client().updateTarget(TARGET_ID, { Endpoint: { Url: 'https://example.test/hook' } })).resolves.toEqual(target);
  });

  it('accepts a base URL pasted with /v1 or a trailing slash', async () => {
    api.script(json(200, { Data: { Items: [] } }));
    await client({ baseUrl: `${api.baseUrl}/v1/` }).listTargets();
    expect(api.seen[0]!.url).toBe('/webhooks/v1/targets');
  });

  it('refuses invalid input before sending anything', async () => {
    api.script(json(200, {}));
    const c = client();
    expect((await failure(c.deleteTarget('not-an-id'))).kind).toBe('validation');
    const badUrl = await failure(c.createTarget({ Endpoint: { Url: 'ftp://example.test' } }));
    expect(badUrl.kind).toBe('validation');
    expect(badUrl.message).toContain('http:// or https://');
    expect((await failure(c.createSubscription({ Entity: '', Op: 'Create', TargetId: TARGET_ID }))).kind).toBe('validation');
    expect((await failure(c.addRecipient(SUB_ID, '  '))).kind).toBe('validation');
    // What Maximizer would refuse, or Node could not send as the target's header, never reaches the network.
    const badFilter = await failure(c.createSubscription({ Entity: 'Lead', Op: 'Create', TargetId: TARGET_ID, Filter: ['{"A":{"$FOO":1}}'] }));
    expect(badFilter).toMatchObject({ kind: 'validation' });
    expect(badFilter.message).toMatch(/Filter: .*\$FOO/);
    const badHeader = await failure(c.updateTarget(TARGET_ID, { Endpoint: { Url: 'https://x.example/', Headers: [{ Key: 'X A', Value: '1' }] } }));
    expect(badHeader.message).toContain('valid HTTP header name');
    const managed = await failure(c.createTarget({ Endpoint: { Url: 'https://x.example/', Headers: [{ Key: 'Host', Value: 'x' }] } }));
    expect(managed.message).toContain('set by the sender');
    const lineBreak = await failure(c.createTarget({ Endpoint: { Url: 'https://x.example/', Headers: [{ Key: 'X-A', Value: '1\r\nX-B: 2' }] } }));
    expect(lineBreak.message).toContain('line breaks');
    expect((await failure(c.createSubscription({ Entity: 'Lead', Op: ' ', TargetId: TARGET_ID }))).message).toContain('Op must not be empty');
    expect(api.seen).toHaveLength(0);
    expect(() => client({ token: '  ' })).toThrow(/token is empty/);
    expect(() => client({ baseUrl: 'https://user:pw@api.example.test/webhooks' })).toThrow(MaximizerError);
  });
});

describe('MaximizerClient error mapping', () => {
  it('401: the token is wrong or expired', async () => {
    api.script(problem(401, 'Unauthorized'));
    const error = await failure(client().listTargets());
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, attempts: 1 });
    expect(error.message).toMatch(/^The token was rejected: it is wrong or has expired\. Create a new Personal Access Token/);
    expect(error.problem?.Title).toBe('Unauthorized');
    expect(api.seen).toHaveLength(1); // never retried
  });

  it('403: not an Administrator', async () => {
    api.script(problem(403, 'Forbidden', 'User is not an administrator'));
    const error = await failure(client().createTarget({ Endpoint: { Url: 'https://x.test' } }));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(error.message).toContain("This token's user is not an Administrator of the Maximizer CRM instance; only administrators can manage webhooks.");
    expect(error.message).toContain('Maximizer said: "User is not an administrator."');
  });

  it('404: the item is gone; on a list, the base URL is wrong', async () => {
    api.script(problem(404, 'Not Found'));
    const gone = await failure(client().deleteSubscription(SUB_ID));
    expect(gone).toMatchObject({ kind: 'not_found', status: 404 });
    expect(gone.message).toContain(`Subscription ${SUB_ID} no longer exists`);
    const wrongBase = await failure(client().listTargets());
    expect(wrongBase.kind).toBe('not_found');
    expect(wrongBase.message).toContain('Check the base URL');
  });

  it("carries the sandbox's X-Sandbox-Assumption label, and no label from an answer without it", async () => {
    api.script(problem(409, 'Conflict', 'This instance already has 10 targets', { 'X-Sandbox-Assumption': 'CONTRACT.md section 2: Target limit [OPEN]' }));
    const labelled = await failure(client().createTarget({ Name: 'n', Endpoint: { Url: 'https://x.test' } }));
    expect(labelled.assumption).toBe('CONTRACT.md section 2: Target limit [OPEN]');
    expect(labelled.toInfo().assumption).toBe('CONTRACT.md section 2: Target limit [OPEN]');
    api.script(problem(409, 'Conflict', 'duplicate'));
    expect((await failure(client().createTarget({ Name: 'n', Endpoint: { Url: 'https://x.test' } }))).assumption).toBeUndefined();
  });

  it('409: duplicate Entity × Op or target limit, with the server detail', async () => {
    api.script(problem(409, 'Conflict', 'Maximum number of targets (10) reached'));
    const limit = await failure(client().createTarget({ Name: 'n', Endpoint: { Url: 'https://x.test' } }));
    expect(limit).toMatchObject({ kind: 'conflict', status: 409 });
    expect(limit.message).toContain('the most targets it allows');
    expect(limit.message).toContain('Maximum number of targets (10) reached');
    const duplicate = await failure(client().createSubscription({ Entity: 'Lead', Op: 'Create', TargetId: TARGET_ID }));
    expect(duplicate.message).toContain('already has a subscription for the same Entity and Op');
    expect(api.seen).toHaveLength(2);
  });

  it('400: ASP.NET validation errors become details', async () => {
    api.script(
      json(400, {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { 'Endpoint.Url': ['The Url field is required.'], Filter: ['Unknown operator $FOO'] },
        traceId: '00-abc',
      }),
    );
    const error = await failure(client().createSubscription({ Entity: 'Lead', Op: 'Create', TargetId: TARGET_ID, Filter: ['{"A":{"$EQ":1}}'] }));
    expect(error).toMatchObject({ kind: 'validation', status: 400 });
    expect(error.fieldErrors).toEqual(['Endpoint.Url: The Url field is required.', 'Filter: Unknown operator $FOO']);
    expect(error.message).toContain('Unknown operator $FOO');
    expect(error.problem?.['TraceId']).toBe('00-abc');
  });

  it('uses a plain-text error body when there are no ProblemDetails', async () => {
    api.script(raw(400, 'Invalid filter', { 'Content-Type': 'text/plain' }));
    const error = await failure(client().deleteTarget(TARGET_ID));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('Maximizer said: "Invalid filter."');
    expect(error.problem).toBeUndefined();
  });

  it('garbage JSON on success is an unexpected answer', async () => {
    api.script(raw(200, '{"Data": {"Items": [', { 'Content-Type': 'application/json' }));
    const error = await failure(client().listTargets());
    expect(error).toMatchObject({ kind: 'unexpected', status: 200 });
    expect(error.message).toContain('not JSON');
    api.script(raw(200, '<!doctype html><title>Sign in to Wi-Fi</title>', { 'Content-Type': 'text/html' }));
    expect((await failure(client().listTargets())).message).toContain('web page');
  });

  it('a body that breaks the schema is rejected, naming the field', async () => {
    api.script(json(200, { Data: { Items: [{ ...target, TargetId: 'not-a-uuid' }] } }));
    const error = await failure(client().listTargets());
    expect(error.kind).toBe('unexpected');
    expect(error.fieldErrors).toEqual([expect.stringMatching(/^Data\.Items\[0\]\.TargetId: /)]);
    api.script(json(201, { Data: {} }));
    const missing = await failure(client().createTarget({ Endpoint: { Url: 'https://x.test' } }));
    expect(missing.fieldErrors).toEqual([expect.stringMatching(/^Data\.Item: /)]);
    api.script(raw(201, ''));
    expect((await failure(client().createTarget({ Endpoint: { Url: 'https://x.test' } }))).message).toContain('no content');
  });

  it('an unexpected status is explained', async () => {
    api.script(raw(405, '', { Allow: 'GET' }));
    const error = await failure(client().enableTarget(TARGET_ID));
    expect(error).toMatchObject({ kind: 'unexpected', status: 405 });
    expect(error.message).toContain('HTTP 405');
  });
});

describe('MaximizerClient retry policy', () => {
  it('retries an idempotent call after 500 and succeeds', async () => {
    api.script(raw(500, ''), json(200, { Data: { Items: [target] } }));
    await expect(client().listTargets()).resolves.toEqual([target]);
    expect(api.seen).toHaveLength(2);
    expect(sleeps).toEqual([500]);
    expect(logs).toEqual([expect.stringContaining('GET /webhooks/v1/targets answered HTTP 500; attempt 2 of 4')]);
  });

  it('gives up after the bounded attempts, waiting exponentially longer', async () => {
    api.script(raw(503, '', { 'Content-Type': 'text/plain' }));
    const error = await failure(client().deleteTarget(TARGET_ID));
    expect(error).toMatchObject({ kind: 'server', status: 503, attempts: 4 });
    expect(error.message).toContain('after 4 attempts');
    expect(api.seen).toHaveLength(4);
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  it('spreads waits with jitter', async () => {
    api.script(raw(500, ''));
    await failure(client({ random: () => 0, retry: { maxAttempts: 2 } }).listTargets());
    await failure(client({ random: () => 0.999, retry: { maxAttempts: 2 } }).listTargets());
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThan(500);
    expect(sleeps[1]).toBeGreaterThan(500);
  });

  it('does not retry a POST after 500, and says it may have been saved', async () => {
    api.script(raw(500, ''), json(201, { Data: { Item: target } }));
    const error = await failure(client().createTarget({ Endpoint: { Url: 'https://x.test' } }));
    expect(error).toMatchObject({ kind: 'server', status: 500, attempts: 1 });
    expect(error.message).toContain('may or may not have been saved');
    expect(api.seen).toHaveLength(1);
  });

  it('honours Retry-After in seconds on 429, for POST too', async () => {
    api.script(problem(429, 'Too Many Requests', undefined, { 'Retry-After': '3' }), json(201, { Data: { Item: target } }));
    await expect(client().createTarget({ Endpoint: { Url: 'https://x.test' } })).resolves.toEqual(target);
    expect(api.seen).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP-date, measured with the injected clock', async () => {
    const date = new Date(NOW + 7_000).toUTCString();
    api.script(raw(429, '', { 'Retry-After': date }), json(200, { Data: { Items: [] } }));
    await client().listSubscriptions();
    expect(sleeps).toEqual([7000]);
  });

  it('does not wait out a long Retry-After: reports when to try again', async () => {
    api.script(raw(429, '', { 'Retry-After': '120' }));
    const error = await failure(client().listTargets());
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 120_000, attempts: 1 });
    expect(error.message).toContain('Try again in 120 seconds');
    expect(sleeps).toEqual([]);
  });

  it('times out a slow answer and retries idempotent calls only', async () => {
    api.script(hang);
    const slow = await failure(client({ timeoutMs: 200, retry: { maxAttempts: 2 } }).listTargets());
    expect(slow).toMatchObject({ kind: 'network', systemCode: 'TIMEOUT', attempts: 2 });
    expect(slow.message).toContain('did not answer within 0.2 seconds');
    expect(api.seen).toHaveLength(2);

    api.script(hang);
    const post = await failure(client({ timeoutMs: 200 }).createSubscription({ Entity: 'Lead', Op: 'Create', TargetId: TARGET_ID }));
    expect(post).toMatchObject({ kind: 'network', systemCode: 'TIMEOUT', attempts: 1 });
    expect(post.message).toContain('may or may not have been saved');
    expect(api.seen).toHaveLength(1);
  });

  it('times out an answer that stalls in the middle of the body', async () => {
    api.script(stallBody);
    const error = await failure(client({ timeoutMs: 200, retry: { maxAttempts: 1 } }).listTargets());
    expect(error).toMatchObject({ kind: 'network', systemCode: 'TIMEOUT' });
  });

  it('connection refused: explained, and retried even for POST (nothing was sent)', async () => {
    const port = await closedPort();
    const c = client({ baseUrl: `http://127.0.0.1:${port}/webhooks`, retry: { maxAttempts: 3 } });
    const get = await failure(c.listTargets());
    expect(get).toMatchObject({ kind: 'network', systemCode: 'ECONNREFUSED', attempts: 3 });
    expect(get.message).toContain(`Could not connect to 127.0.0.1:${port}: the connection was refused`);
    const post = await failure(c.createTarget({ Endpoint: { Url: 'https://x.test' } }));
    expect(post).toMatchObject({ kind: 'network', systemCode: 'ECONNREFUSED', attempts: 3 });
    expect(post.message).not.toContain('may or may not');
    expect(sleeps).toHaveLength(4);
  });

  it('an unknown host is explained and not retried', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), { code: 'ENOTFOUND' });
    const error = await failure(
      client({
        baseUrl: 'https://api.example.invalid/webhooks',
        fetch: async () => {
          throw new TypeError('fetch failed', { cause: dns });
        },
      }).listTargets(),
    );
    expect(error).toMatchObject({ kind: 'network', systemCode: 'ENOTFOUND', attempts: 1 });
    expect(error.message).toContain('The host name api.example.invalid could not be found');
  });

  it('a self-signed certificate is a TLS error, explained and not retried', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mwi-tls-'));
    try {
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      let requests = 0;
      const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_request, response) => {
        requests++;
        response.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const error = await failure(client({ baseUrl: `https://127.0.0.1:${port}/webhooks` }).listTargets());
        expect(error).toMatchObject({ kind: 'tls', attempts: 1 });
        expect(error.message).toContain('its certificate is not trusted');
        expect(requests).toBe(0);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('https to a plain-http server is a TLS error with a hint', async () => {
    const c = client({ baseUrl: `https://127.0.0.1:${api.port}/webhooks` });
    const error = await failure(c.listTargets());
    expect(error.kind).toBe('tls');
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('use http:// instead of https://');
  });
});

describe('the token stays secret', () => {
  it('is not in logs, error messages, serialized errors or the inspected client', async () => {
    api.script(raw(500, ''), problem(401, 'Unauthorized', `Token ${TOKEN} is expired`));
    const c = client();
    const error = await failure(c.listTargets());
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('Token [token] is expired');
    const everything = [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), inspect(c, { depth: 10 }), ...logs].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
  });

  it('strips a pasted "Bearer " prefix', async () => {
    api.script(json(200, { Data: { Items: [] } }));
    await client({ token: `  Bearer ${TOKEN}\n` }).listTargets();
    expect(api.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

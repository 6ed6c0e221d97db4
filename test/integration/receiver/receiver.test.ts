import { gzipSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startServe, type Served } from '../../helpers/serve';
import { guideExample, officialSamples } from '../../helpers/reference';

// Test-local, deliberately independent of shared/caseless: find a key whatever its case.
const pick = (obj: unknown, name: string): unknown => {
  if (!obj || typeof obj !== 'object') return undefined;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (obj as Record<string, unknown>)[key];
};

let served: Served;
const post = (body: string | Buffer, headers: Record<string, string> = {}, url = served.receiverUrl) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function eventByWebhookId(webhookId: string) {
  const found = await eventually(async () => {
    const page = await served.call('listEvents', { text: webhookId, limit: 5 });
    return page.items.find((e) => e.webhookId === webhookId);
  });
  return served.call('getEvent', { id: found.id });
}

beforeAll(async () => {
  served = await startServe({ args: ['--max-body-bytes', String(256 * 1024)] });
});
afterAll(async () => served?.close());

describe('receiver: official payloads', () => {
  const samples = officialSamples();

  it('finds every official sample to test against', () => {
    // 9 requests plus the stage change's saved v1.0 example (the v1.1 example repeats its request)
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(samples.map((s) => [s.name, s.raw] as const))('stores %s with entity, op, version, Original and New', async (_name, raw) => {
    const json = JSON.parse(raw) as unknown;
    const res = await post(raw);
    expect(res.status).toBe(200);
    const data = pick(json, 'data');
    const event = await eventByWebhookId(pick(json, 'id') as string);
    expect(event.entity).toBe(pick(json, 'entity'));
    expect(event.op).toBe(pick(data, 'op'));
    // Version keeps its textual form: the number 0.1 is stored as "0.1".
    const versionText = /"version"\s*:\s*"?([\d.]+)"?/i.exec(raw)![1];
    expect(event.version).toBe(versionText);
    expect(event.original).toEqual(pick(data, 'original') ?? null);
    expect(event.new).toEqual(pick(data, 'new') ?? null);
    expect(event.parseError).toBeUndefined();
    // The raw request is kept byte for byte. (Two official examples share one Id and
    // differ only in `workspaceId` casing: they are attempts of one event.)
    await eventually(async () => {
      const latest = await served.call('getEvent', { id: event.id });
      return latest.requests.some((r) => Buffer.from(r.bodyBase64, 'base64').toString('utf8') === raw);
    });
  });

  it('stores the guide example array (PascalCase, with SourceId)', async () => {
    const raw = guideExample();
    const [item] = JSON.parse(raw) as { Id: string; Entity: string; Data: { Op: string; Original: unknown; New: unknown } }[];
    expect((await post(raw)).status).toBe(200);
    const event = await eventByWebhookId(item!.Id);
    expect(event).toMatchObject({ entity: 'Opportunity', op: 'Update', version: '1.1' });
    expect(event.original).toEqual(item!.Data.Original);
    expect(event.new).toEqual(item!.Data.New);
    expect(event.summary).toContain('SalesStageSetupName: Qualified → Presentation');
  });
});

describe('receiver: delivery rules', () => {
  const envelope = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ Id: id, Entity: 'Lead', Data: { Op: 'create', New: { Key: 'TGVhZAkxCTA=', LastName: 'Doe' }, Version: '0.8' }, ...extra });

  it('decodes gzip and deflate bodies and keeps the encoding on record', async () => {
    expect((await post(gzipSync(envelope('gz-1')), { 'content-encoding': 'gzip' })).status).toBe(200);
    expect((await post(deflateSync(envelope('df-1')), { 'content-encoding': 'deflate' })).status).toBe(200);
    const gz = await eventByWebhookId('gz-1');
    expect(gz.new).toEqual({ Key: 'TGVhZAkxCTA=', LastName: 'Doe' });
    expect(gz.requests[0]!.contentEncoding).toBe('gzip');
    expect((await eventByWebhookId('df-1')).entity).toBe('Lead');
  });

  it('answers 200 to a malformed body and stores it raw with a parse error', async () => {
    const body = '{"Id": "broken-1", "Entity": "Lead", "Data": {';
    const res = await post(body);
    expect(res.status).toBe(200);
    const flagged = await eventually(async () => {
      const page = await served.call('listEvents', { parseErrorsOnly: true, limit: 50 });
      return page.items.find((e) => e.summary.includes('Not valid JSON'));
    });
    expect(flagged.parseError).toMatch(/Not valid JSON/);
    const detail = await served.call('getEvent', { id: flagged.id });
    expect(Buffer.from(detail.requests[0]!.bodyBase64, 'base64').toString()).toBe(body);
  });

  it('keeps a non-JSON content type raw, flagged', async () => {
    const res = await post('name=value&x=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    await eventually(async () => {
      const page = await served.call('listEvents', { parseErrorsOnly: true, limit: 50 });
      const item = page.items.find((e) => e.parseError);
      if (!item) return false;
      const detail = await served.call('getEvent', { id: page.items[0]!.id });
      return Buffer.from(detail.requests[0]!.bodyBase64, 'base64').toString() === 'name=value&x=1';
    });
  });

  it('refuses a wrong or missing secret with 401, counted and not stored', async () => {
    const before = await served.call('status');
    const url = new URL(served.receiverUrl);
    url.searchParams.set('secret', 'wrong-secret');
    expect((await post(envelope('bad-secret'), {}, url.toString())).status).toBe(401);
    url.searchParams.delete('secret');
    expect((await post(envelope('no-secret'), {}, url.toString())).status).toBe(401);
    // The header form of the secret is accepted.
    const secret = new URL(served.receiverUrl).searchParams.get('secret')!;
    expect((await post(envelope('header-secret'), { 'x-inspector-secret': secret }, url.toString())).status).toBe(200);
    await eventByWebhookId('header-secret');
    const after = await eventually(async () => {
      const s = await served.call('status');
      return s.counts.rejected >= before.counts.rejected + 2 ? s : false;
    });
    expect(after.counts.rejected).toBe(before.counts.rejected + 2);
    const page = await served.call('listEvents', { text: 'bad-secret', limit: 5 });
    expect(page.items).toHaveLength(0);
    const rejections = await served.call('listRejections', { limit: 5 });
    expect(rejections.items.map((r) => r.status)).toContain(401);
  });

  it('answers 405 to anything but POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(served.receiverUrl, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('refuses a body over the limit with 413, counted', async () => {
    const big = JSON.stringify({ Id: 'big-1', Entity: 'Lead', Data: { Op: 'create', New: { Notes: 'x'.repeat(300 * 1024) } } });
    const res = await post(big);
    expect(res.status).toBe(413);
    // A gzip bomb is measured after decoding, not before.
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect((await post(bomb, { 'content-encoding': 'gzip' })).status).toBe(413);
    const rejections = await eventually(async () => {
      const r = await served.call('listRejections', { limit: 20 });
      return r.items.filter((i) => i.status === 413).length >= 2 ? r : false;
    });
    expect(rejections.items.find((i) => i.status === 413)!.reason).toMatch(/limit/);
  });

  it('records a retry of the same webhook Id as another attempt of one event', async () => {
    const body = envelope('retry-1');
    for (let i = 0; i < 3; i++) expect((await post(body)).status).toBe(200);
    const event = await eventually(async () => {
      const e = await eventByWebhookId('retry-1');
      return e.attempts === 3 ? e : false;
    });
    expect(event.requests).toHaveLength(3);
    const page = await served.call('listEvents', { text: 'retry-1', limit: 10 });
    expect(page.items.filter((e) => e.webhookId === 'retry-1')).toHaveLength(1);
  });

  it('splits an array body into one event per element', async () => {
    const body = `[${envelope('arr-1')},${envelope('arr-2', { Entity: 'Opportunity' })}]`;
    expect((await post(body)).status).toBe(200);
    expect((await eventByWebhookId('arr-1')).entity).toBe('Lead');
    expect((await eventByWebhookId('arr-2')).entity).toBe('Opportunity');
  });
});

describe('browser-mode API', () => {
  it('requires the bearer token and answers errors as JSON', async () => {
    const res = await fetch(`${served.baseUrl}/api/rpc/status`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('refuses a foreign Host header with 401, the status for unauthorized', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const url = new URL(served.baseUrl);
      request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/rpc/status',
          method: 'POST',
          headers: { host: 'evil.example', authorization: `Bearer ${served.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      ).end();
    });
    expect(status).toBe(401);
  });

  it('validates arguments and names unknown calls', async () => {
    await expect(served.call('getEvent', { id: 'x' as unknown as number })).rejects.toMatchObject({ status: 400 });
    const res = await fetch(`${served.baseUrl}/api/rpc/noSuchCall`, { method: 'POST', headers: { authorization: `Bearer ${served.token}` } });
    expect(res.status).toBe(404);
  });

  it('status gives a ready-to-POST receiver URL', async () => {
    const status = await served.call('status');
    expect(status.receiver.localUrl).toBe(served.receiverUrl);
    expect(status.receiver.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\?secret=/);
  });

  it('streams new events over server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${served.baseUrl}/api/events`, { headers: { authorization: `Bearer ${served.token}` }, signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await post(JSON.stringify({ Id: 'sse-1', Entity: 'Lead', Data: { Op: 'delete', Original: { Key: 'TGVhZAkxCTA=' } } }));
    let text = '';
    while (!text.includes('sse-1')) text += (await reader.read()).value ?? '';
    controller.abort();
    expect(text).toContain('"name":"events.received"');
  });
});

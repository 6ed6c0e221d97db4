import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardDelivery } from '../../../shared/contract';
import { eventually, startServe, type Served } from '../../helpers/serve';
import { headerValues, sha256, startHandler, type Handler } from './handler';

let served: Served;
const handlers: Handler[] = [];

const post = (body: string | Buffer, headers: Record<string, string> = {}, url = served.receiverUrl) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A POST with a raw header list (fetch would merge repeated headers into one). */
const postRaw = (body: Buffer, headers: string[]) =>
  new Promise<number>((resolve, reject) => {
    const url = new URL(served.receiverUrl);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: ['Host', url.host, ...headers, 'Content-Length', String(body.length)],
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const envelope = (id: string, entity = 'Lead', op = 'create', extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Id: id, Entity: entity, Data: { Op: op, New: { Key: 'TGVhZAkxCTA=', LastName: 'Doe', ...extra }, Version: '0.8' } });

async function handler(answer: Parameters<typeof startHandler>[0]): Promise<Handler> {
  const h = await startHandler(answer);
  handlers.push(h);
  return h;
}

async function eventByWebhookId(webhookId: string) {
  const found = await eventually(async () => (await served.call('listEvents', { text: webhookId, limit: 5 })).items.find((e) => e.webhookId === webhookId));
  return served.call('getEvent', { id: found.id });
}

/** The delivery of an event once it is finished (delivered, failed or cancelled). */
async function finishedDelivery(eventId: number, kind: ForwardDelivery['kind'] = 'forward', timeoutMs = 15_000): Promise<ForwardDelivery> {
  return eventually(async () => {
    const { items } = await served.call('listForwardAttempts', { eventId });
    return items.find((d) => d.kind === kind && d.state !== 'pending');
  }, timeoutMs);
}

beforeAll(async () => {
  served = await startServe();
  // Maximizer's delay between attempts is undocumented; a short one keeps the suite quick.
  await served.call('setForwardingSettings', { retryDelayMs: 100 });
});
afterEach(async () => {
  for (const rule of (await served.call('listForwardRules')).items) await served.call('removeForwardRule', { id: rule.id });
  await served.call('setReceiverResponse', { status: 200, delayMs: 0, failNext: 0 });
});
afterAll(async () => {
  await Promise.all(handlers.map((h) => h.close()));
  await served?.close();
});

describe('forwarding to a local handler', () => {
  it('forwards the exact body bytes and the original headers once, answered 200 → one attempt, no flag', async () => {
    const h = await handler(() => ({ status: 200, body: 'thanks', headers: { 'x-handler': 'yes' } }));
    await served.call('addForwardRule', { url: h.url });
    const body = Buffer.from(`${envelope('fw-ok-1')}\n  `); // trailing whitespace: bytes, not a re-serialisation
    const secret = new URL(served.receiverUrl).searchParams.get('secret')!;
    const status = await postRaw(body, [
      'Content-Type',
      'application/json',
      'X-Handler-Secret',
      's3cr3t',
      'X-Trace',
      'a',
      'x-trace',
      'b',
      'X-Inspector-Secret',
      secret,
    ]);
    expect(status).toBe(200);

    const event = await eventByWebhookId('fw-ok-1');
    const delivery = await finishedDelivery(event.id);
    expect(h.hits).toHaveLength(1);
    const hit = h.hits[0]!;
    expect(sha256(hit.body)).toBe(sha256(body));
    // The handler's own secret header and repeated headers arrive as sent, names in their case.
    expect(headerValues(hit, 'X-Handler-Secret')).toEqual(['s3cr3t']);
    expect(hit.rawHeaders).toContain('X-Handler-Secret');
    expect(headerValues(hit, 'x-trace')).toEqual(['a', 'b']);
    expect(headerValues(hit, 'content-type')).toEqual(['application/json']);
    expect(headerValues(hit, 'content-length')).toEqual([String(body.length)]);
    // The inspector's own secret stays with the inspector.
    expect(headerValues(hit, 'x-inspector-secret')).toEqual([]);

    expect(delivery).toMatchObject({ state: 'delivered', flag: null, webhookIds: ['fw-ok-1'], eventIds: [event.id] });
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ attempt: 1, status: 200, outcome: 'ok', late: false, reason: null, responseBody: 'thanks' });
    expect(delivery.attempts[0]!.responseHeaders).toContainEqual(['x-handler', 'yes']);
    expect(delivery.verdict).toMatch(/^Delivered/);
  });

  it('forwards a gzip body as it came over the wire, with its Content-Encoding', async () => {
    const h = await handler(() => ({ status: 200 }));
    await served.call('addForwardRule', { url: h.url });
    const plain = Buffer.from(envelope('fw-gzip-1'));
    const wire = gzipSync(plain);
    expect((await post(wire, { 'content-encoding': 'gzip' })).status).toBe(200);
    const event = await eventByWebhookId('fw-gzip-1');
    await finishedDelivery(event.id);
    expect(sha256(h.hits[0]!.body)).toBe(sha256(wire));
    expect(headerValues(h.hits[0]!, 'content-encoding')).toEqual(['gzip']);
  });

  it('forwards an array body with several events once, as received', async () => {
    const h = await handler(() => ({ status: 200 }));
    await served.call('addForwardRule', { url: h.url });
    const body = JSON.stringify([JSON.parse(envelope('fw-batch-1')), JSON.parse(envelope('fw-batch-2', 'Opportunity', 'update'))]);
    expect((await post(body)).status).toBe(200);
    const first = await eventByWebhookId('fw-batch-1');
    const second = await eventByWebhookId('fw-batch-2');
    const delivery = await finishedDelivery(first.id);
    expect(delivery.eventIds.sort()).toEqual([first.id, second.id].sort());
    expect(h.hits).toHaveLength(1);
    expect(h.hits[0]!.body.toString()).toBe(body);
  });

  it('a handler answering 500 gets 3 attempts with the same Id and body, each recorded, flagged "drop"', async () => {
    const h = await handler((_hit, i) => ({ status: 500, body: `boom ${i + 1}` }));
    await served.call('addForwardRule', { url: h.url });
    expect((await post(envelope('fw-500-1'))).status).toBe(200);
    const event = await eventByWebhookId('fw-500-1');
    const delivery = await finishedDelivery(event.id);
    expect(delivery.state).toBe('failed');
    expect(delivery.flag).toBe('drop');
    expect(delivery.verdict).toMatch(/Maximizer would drop this webhook/);
    expect(delivery.attempts.map((a) => [a.attempt, a.status, a.outcome, a.responseBody])).toEqual([
      [1, 500, 'status', 'boom 1'],
      [2, 500, 'status', 'boom 2'],
      [3, 500, 'status', 'boom 3'],
    ]);
    expect(delivery.attempts[0]!.reason).toMatch(/answered 500/);
    expect(h.hits).toHaveLength(3);
    expect(new Set(h.hits.map((hit) => sha256(hit.body))).size).toBe(1);
    expect(h.hits.every((hit) => (JSON.parse(hit.body.toString()) as { Id: string }).Id === 'fw-500-1')).toBe(true);
  });

  it('a 201 counts as a failure too; success on a later attempt is flagged "retry"', async () => {
    const h = await handler((_hit, i) => ({ status: i === 0 ? 201 : 200 }));
    await served.call('addForwardRule', { url: h.url });
    expect((await post(envelope('fw-retry-1'))).status).toBe(200);
    const event = await eventByWebhookId('fw-retry-1');
    const delivery = await finishedDelivery(event.id);
    expect(delivery).toMatchObject({ state: 'delivered', flag: 'retry' });
    expect(delivery.verdict).toMatch(/Maximizer would retry: delivered on attempt 2/);
    expect(delivery.attempts.map((a) => [a.status, a.outcome])).toEqual([
      [201, 'status'],
      [200, 'ok'],
    ]);
  });

  it('a handler slower than 2 s times out on every attempt (late answers recorded), and never delays the receiver’s ack', async () => {
    const slow = await handler(() => ({ status: 200, body: 'late ok', delayMs: 2_200 }));
    await served.call('addForwardRule', { url: slow.url });
    expect((await post(envelope('fw-slow-1'))).status).toBe(200);
    // The forward starts behind the ack; wait until the handler holds the first attempt.
    await eventually(() => slow.hits.length >= 1);
    expect(slow.hits[0]!.answeredAt).toBeUndefined();
    // While the handler holds it, the receiver still acknowledges new webhooks: ordering, not timing.
    const second = await post(envelope('fw-slow-2', 'Lead', 'update'));
    expect(second.status).toBe(200);
    expect(slow.hits[0]!.answeredAt).toBeUndefined();

    const event = await eventByWebhookId('fw-slow-1');
    const delivery = await eventually(async () => {
      const { items } = await served.call('listForwardAttempts', { eventId: event.id });
      const d = items.find((x) => x.state !== 'pending');
      // The last attempt's late answer arrives ~200 ms after the verdict.
      return d && d.attempts.length === 3 && d.attempts.every((a) => a.late) ? d : undefined;
    }, 20_000);
    expect(delivery).toMatchObject({ state: 'failed', flag: 'drop' });
    for (const attempt of delivery.attempts) {
      expect(attempt.outcome).toBe('timeout');
      expect(attempt.status).toBe(200);
      expect(attempt.responseBody).toBe('late ok');
      expect(attempt.latencyMs).toBeGreaterThanOrEqual(2_000);
      expect(attempt.reason).toMatch(/answered 200 after \d+ ms: Maximizer gives up after 2 s/);
    }
  }, 30_000);

  it('forwards only what a rule selects: Entity/Op ignoring case, and a Maximizer filter', async () => {
    const leads = await handler(() => ({ status: 200 }));
    const big = await handler(() => ({ status: 200 }));
    await served.call('addForwardRule', { url: leads.url, entity: 'LEAD', op: 'Create' });
    await expect(served.call('addForwardRule', { url: big.url, filter: ['{"Revenue": {"$gt": 1}}'] })).rejects.toThrow(/upper case/);
    await served.call('addForwardRule', { url: big.url, filter: '{"Revenue": {"$GT": 1000}}' });
    await post(envelope('fw-rule-1', 'lead', 'create'));
    await post(envelope('fw-rule-2', 'Opportunity', 'update', { Revenue: 5000 }));
    await post(envelope('fw-rule-3', 'Opportunity', 'update', { Revenue: 10 }));
    // Arrivals are forwarded in order: once this one is through, fw-rule-3 has been decided.
    await post(envelope('fw-rule-4', 'Opportunity', 'update', { Revenue: 9000 }));
    await eventually(() => big.hits.length === 2);
    const ids = (h: Handler) => h.hits.map((hit) => (JSON.parse(hit.body.toString()) as { Id: string }).Id);
    expect(ids(leads)).toEqual(['fw-rule-1']);
    expect(ids(big)).toEqual(['fw-rule-2', 'fw-rule-4']);
    const skipped = await eventByWebhookId('fw-rule-3');
    expect((await served.call('listForwardAttempts', { eventId: skipped.id })).items).toEqual([]);
  });
});

describe('replay', () => {
  it('replays a stored event byte for byte to any URL', async () => {
    const h = await handler(() => ({ status: 200 }));
    const body = envelope('rp-1');
    await post(body, { 'X-Handler-Secret': 'k' });
    const event = await eventByWebhookId('rp-1');
    const result = await served.call('replayEvent', { id: event.id, url: h.url, wait: true });
    expect(result.delivery).toMatchObject({ kind: 'replay', state: 'delivered', requestId: event.requests[0]!.id });
    expect(h.hits[0]!.body.toString()).toBe(body);
    expect(headerValues(h.hits[0]!, 'x-handler-secret')).toEqual(['k']);
  });

  it('replays an edited body: validated as JSON, kept as a new `edited` event, sent as edited', async () => {
    const h = await handler(() => ({ status: 200 }));
    await served.call('addForwardRule', { url: h.url, entity: 'nothing-matches' });
    await post(envelope('rp-edit-1'), { 'X-Handler-Secret': 'k' });
    const event = await eventByWebhookId('rp-edit-1');
    await expect(served.call('replayEvent', { id: event.id, body: '{"Id": ' })).rejects.toThrow(/not valid JSON/);

    const edited = envelope('rp-edit-1', 'Lead', 'create', { LastName: 'Edited' });
    // No url: the first enabled forward rule's URL.
    const result = await served.call('replayEvent', { id: event.id, body: edited, wait: true });
    expect(result.editedEventId).toBeDefined();
    expect(h.hits.map((hit) => hit.body.toString())).toEqual([edited]);
    expect(headerValues(h.hits[0]!, 'content-length')).toEqual([String(Buffer.byteLength(edited))]);
    expect(headerValues(h.hits[0]!, 'x-handler-secret')).toEqual(['k']);

    const copy = await served.call('getEvent', { id: result.editedEventId! });
    expect(copy.origin).toBe('edited');
    expect((copy.new as { LastName: string }).LastName).toBe('Edited');
    expect(Buffer.from(copy.requests[0]!.bodyBase64, 'base64').toString()).toBe(edited);
    // The original is untouched, and lists the replay of its edited copy.
    const original = await served.call('getEvent', { id: event.id });
    expect((original.new as { LastName: string }).LastName).toBe('Doe');
    const { items } = await served.call('listForwardAttempts', { eventId: event.id });
    expect(items.map((d) => d.id)).toContain(result.delivery.id);
  });
});

describe('receiver response simulation', () => {
  it('fails the next N webhooks (still stored, flagged with the answer), then answers 200 again', async () => {
    const state = await served.call('setReceiverResponse', { failNext: 2, failStatus: 503 });
    expect(state).toMatchObject({ status: 200, failNext: 2, failStatus: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(envelope('sim-1'))).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await served.call('getReceiverResponse')).failNext).toBe(0);
    // Maximizer would retry the same Id: one event, three attempts, each request with the status it got.
    const event = await eventually(async () => {
      const e = await eventByWebhookId('sim-1');
      return e.requests.length === 3 ? e : undefined;
    });
    expect(event.attempts).toBe(3);
    expect(event.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('answers with a configured status after a delay', async () => {
    await served.call('setReceiverResponse', { status: 500, delayMs: 300 });
    const res = await post(envelope('sim-2'));
    expect(res.status).toBe(500);
    expect(((await res.json()) as { simulated: boolean }).simulated).toBe(true);
    const event = await eventByWebhookId('sim-2');
    expect(event.requests[0]!.status).toBe(500);
  });
});

describe('test events', () => {
  it('sends a sample to the app’s own receiver: stored with origin `test`, and forwarded by the rules', async () => {
    const h = await handler(() => ({ status: 200 }));
    await served.call('addForwardRule', { url: h.url, entity: 'lead', op: 'delete' });
    const sent = await served.call('sendTestEvent', { entity: 'Lead', op: 'Delete' });
    expect(sent).toMatchObject({ kind: 'lead.delete', to: 'receiver', status: 200 });
    const event = await eventByWebhookId(sent.webhookIds[0]!);
    expect(event).toMatchObject({ origin: 'test', entity: 'lead', op: 'delete', version: '0.8' });
    await eventually(() => h.hits.length === 1);
    expect(headerValues(h.hits[0]!, 'x-inspector-test-event')).toEqual(['lead.delete']);
    expect(sha256(h.hits[0]!.body)).toBe(sha256(Buffer.from(event.requests[0]!.bodyBase64, 'base64')));
  });

  it('sends a sandbox-generated event of any Entity/Op straight to a URL', async () => {
    const h = await handler(() => ({ status: 200 }));
    const sent = await served.call('sendTestEvent', { source: 'sandbox', entity: 'Campaign', op: 'create', to: h.url, style: 'guide' });
    expect(sent.deliveries).toHaveLength(1);
    await eventually(() => h.hits.length === 1);
    const [event] = JSON.parse(h.hits[0]!.body.toString()) as { Id: string; Entity: string; Data: { Op: string } }[];
    expect(event).toMatchObject({ Id: sent.webhookIds[0], Entity: 'Campaign', Data: { Op: 'create' } });
  });

  it('refuses an Entity/Op the sample set does not have, naming the alternatives', async () => {
    await expect(served.call('sendTestEvent', { entity: 'Campaign', op: 'create' })).rejects.toThrow(
      /No built-in sample for Campaign\/create.*for any Entity\/Op/,
    );
  });
});

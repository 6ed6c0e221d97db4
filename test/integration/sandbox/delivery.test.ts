import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, control, referenceFile, sandbox, subscribe, target, type Target } from './harness';

/** Delivery against real local HTTP targets (CONTRACT §4): 200, 500, slower than 2 s, and the rest. */
const open: { stop(): Promise<void> }[] = [];
const targets: Target[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

async function start(options: Parameters<typeof sandbox>[0] = {}) {
  const sb = await sandbox(options);
  open.push(sb);
  return sb;
}
async function liveTarget(reply?: Parameters<typeof target>[0]): Promise<Target> {
  const t = await target(reply);
  targets.push(t);
  return t;
}

describe('delivery', () => {
  it('delivers once to a target answering 200', async () => {
    const sb = await start();
    const hook = await liveTarget();
    await subscribe(sb, `${hook.url}/ok`, { Entity: 'lead', Op: 'create' });
    const event = sb.emit({ Entity: 'lead', Op: 'create', New: { CompanyName: 'Acme' } });
    await sb.idle();
    expect(hook.received).toHaveLength(1);
    const body = JSON.parse(hook.received[0]!.body);
    expect(body[0]).toMatchObject({ Id: event.Id, Entity: 'lead', Data: { Op: 'create', Original: null, New: { CompanyName: 'Acme' } } });
    expect(sb.deliveries()).toMatchObject([{ eventId: event.Id, state: 'delivered', attempts: [{ status: 200 }] }]);
  });

  it('retries a target answering 500 twice after the retry delay, with identical bytes, then discards and logs', async () => {
    const sb = await start({ retryDelayMs: 150 });
    const at: number[] = [];
    const hook = await liveTarget(() => {
      at.push(Date.now());
      return { status: 500 };
    });
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    const event = sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    expect(hook.received).toHaveLength(3);
    expect(hook.received.every((r) => r.body === hook.received[0]!.body)).toBe(true);
    expect(JSON.parse(hook.received[2]!.body)[0].Id).toBe(event.Id);
    // Each retry waited for the delay (a lower bound: timers never fire much early).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(140);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(140);
    const [record] = sb.deliveries();
    expect(record).toMatchObject({
      state: 'discarded',
      attempts: [
        { attempt: 1, status: 500 },
        { attempt: 2, status: 500 },
        { attempt: 3, status: 500 },
      ],
    });
    expect(record!.attempts[0]!.error).toMatch(/answered 500/);
    expect(sb.lines.filter((line) => line.includes(`discarded webhook ${event.Id}`))).toHaveLength(1);
  });

  it('counts a target slower than 2 s as failed, and stops retrying once it answers 200 in time', async () => {
    const sb = await start();
    const hook = await liveTarget((_request, n) => (n === 1 ? { status: 200, delayMs: 2600 } : { status: 200 }));
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    const event = sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1]!.body).toBe(hook.received[0]!.body);
    const [record] = sb.deliveries();
    expect(record).toMatchObject({ eventId: event.Id, state: 'delivered' });
    expect(record!.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'no answer within 2000 ms'],
      [200, null],
    ]);
  }, 20_000);

  it('gives a target that is always slower than 2 s exactly 3 attempts', async () => {
    const sb = await start();
    const hook = await liveTarget(() => ({ status: 200, delayMs: 2300 }));
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    await new Promise((r) => setTimeout(r, 400));
    expect(hook.received).toHaveLength(3);
    expect(sb.deliveries()[0]).toMatchObject({ state: 'discarded' });
    expect(sb.deliveries()[0]!.attempts.every((a) => a.status === null)).toBe(true);
  }, 20_000);

  it('treats 201 and 204 as failures: only 200 is success', async () => {
    const sb = await start();
    const hook = await liveTarget((_request, n) => ({ status: n === 1 ? 201 : n === 2 ? 204 : 200 }));
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    expect(sb.deliveries()[0]!.attempts.map((a) => a.status)).toEqual([201, 204, 200]);
    expect(sb.deliveries()[0]!.state).toBe('delivered');
  });

  it('retries a target that refuses connections, then discards', async () => {
    const sb = await start();
    const gone = await target();
    await gone.close();
    await subscribe(sb, `${gone.url}/hook`, { Entity: 'lead', Op: 'create' });
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    const [record] = sb.deliveries();
    expect(record!.state).toBe('discarded');
    expect(record!.attempts).toHaveLength(3);
    expect(record!.attempts[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('gives each matching subscription its own delivery, with its own Recipients, and skips others', async () => {
    const sb = await start();
    const a = await liveTarget();
    const b = await liveTarget();
    await subscribe(sb, a.url, { Entity: 'lead', Op: 'update', Recipients: ['a@acme.com'] });
    const second = await subscribe(sb, b.url, { Entity: 'LEAD', Op: 'Update', Recipients: null });
    await fetch(`${sb.baseUrl}/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Entity: 'lead', Op: 'delete', TargetId: second.targetId }),
    });
    const event = sb.emit({ Entity: 'lead', Op: 'update', New: { Position: 'CFO' } });
    await sb.idle();
    const [fromA] = a.received.map((r) => JSON.parse(r.body)[0]);
    const [fromB] = b.received.map((r) => JSON.parse(r.body)[0]);
    expect([a.received.length, b.received.length]).toEqual([1, 1]);
    expect([fromA.Id, fromB.Id]).toEqual([event.Id, event.Id]);
    expect(fromA.Recipients).toEqual(['a@acme.com']);
    expect(fromB.Recipients).toEqual([]);
  });

  it('cancels pending retries when the sandbox stops', async () => {
    const sb = await start({ retryDelayMs: 60_000 });
    const hook = await liveTarget(() => ({ status: 500 }));
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    sb.emit({ Entity: 'lead', Op: 'create' });
    await expect.poll(() => sb.deliveries()[0]?.attempts.length).toBe(1);
    await sb.stop();
    await sb.idle();
    expect(sb.deliveries()[0]!.state).toBe('cancelled');
    expect(hook.received).toHaveLength(1);
  });
});

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { body?: { raw?: string } };
  response?: { name?: string; originalRequest?: { body?: { raw?: string } } }[];
}
function postmanBodies(): { name: string; raw: string }[] {
  const collection = JSON.parse(readFileSync(referenceFile('webhooks-payloads.postman_collection.json'), 'utf8')) as { item: PostmanItem[] };
  const out: { name: string; raw: string }[] = [];
  const walk = (items: PostmanItem[]) => {
    for (const item of items) {
      if (item.item) walk(item.item);
      if (item.request?.body?.raw) out.push({ name: item.name, raw: item.request.body.raw });
      for (const response of item.response ?? [])
        if (response.originalRequest?.body?.raw) out.push({ name: `${item.name} (${response.name})`, raw: response.originalRequest.body.raw });
    }
  };
  walk(collection.item);
  return out;
}

describe('payload styles and replay', () => {
  it('replays every official Postman sample body byte-for-byte to the matching subscription', async () => {
    const sb = await start({ payloadStyle: 'postman' });
    const hook = await liveTarget();
    const samples = postmanBodies();
    expect(samples.length).toBeGreaterThanOrEqual(18);
    for (const [entity, op] of [
      ['lead', 'create'],
      ['lead', 'update'],
      ['lead', 'delete'],
      ['opportunity', 'create'],
      ['opportunity', 'update'],
      ['opportunity', 'delete'],
      ['export', 'read'],
    ])
      await subscribe(sb, `${hook.url}/${entity}/${op}`, { Entity: entity!, Op: op! });
    for (const sample of samples) {
      const reply = await control(sb, 'POST', '/sandbox/replay', sample.raw);
      expect(reply.status, sample.name).toBe(202);
      expect(reply.json.Deliveries, sample.name).toBe(1);
      expect(reply.json.Id).toBe(JSON.parse(sample.raw).id);
    }
    await sb.idle();
    expect(hook.received.map((r) => r.body)).toEqual(samples.map((s) => s.raw));
  });

  it("emits the samples' events in Postman style with the samples' top-level names, and in guide style as the guide does", async () => {
    const postman = await start({ payloadStyle: 'postman' });
    const guide = await start();
    const hook = await liveTarget();
    await subscribe(postman, `${hook.url}/postman`, { Entity: 'Opportunity', Op: 'update' });
    await subscribe(guide, `${hook.url}/guide`, { Entity: 'Opportunity', Op: 'update' });
    const stage = postmanBodies().find((s) => s.name === 'Opportunity Stage Change')!;
    const sample = JSON.parse(stage.raw);
    const input = { Entity: sample.entity, Op: sample.data.op, Original: sample.data.original, New: sample.data.new, Version: sample.data.version };
    postman.emit(input);
    guide.emit(input);
    await Promise.all([postman.idle(), guide.idle()]);
    const sent = JSON.parse(hook.received.find((r) => r.url === '/postman')!.body);
    expect(Object.keys(sent)).toEqual(Object.keys(sample));
    expect(Object.keys(sent.data)).toEqual(Object.keys(sample.data));
    expect(sent.data.original).toEqual(sample.data.original);
    expect(sent.data.new).toEqual(sample.data.new);

    const text = readFileSync(referenceFile('webhooks-guide.txt'), 'utf8');
    const from = text.indexOf('\n[', text.indexOf("Webhook's payload"));
    const example = JSON.parse(text.slice(from + 1, text.indexOf('\n]', from) + 2));
    const [fromGuide] = JSON.parse(hook.received.find((r) => r.url === '/guide')!.body);
    expect(Object.keys(fromGuide)).toEqual(Object.keys(example[0]));
    expect(Object.keys(fromGuide.Data)).toEqual(Object.keys(example[0].Data));
  });
});

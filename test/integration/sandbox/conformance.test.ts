import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/engine/sandbox';
import { ADMIN, USER, api, control, managementBodies, openapi, sandbox, subscribe, target, type Target } from './harness';

/**
 * CONTRACT.md §7 "Emulator must", one test per item. Every management call goes through `api()`,
 * which validates status and body against the OpenAPI document (ajv, $refs resolved in place).
 */
const UNKNOWN = '0b7a3c52-3f0e-4d1a-9c55-7f6a1e2d9b80';
const endpoint = (url = 'https://hooks.example.com/maximizer?secret=s3cr3t') => ({ Url: url, Headers: [{ Key: 'X-Api-Key', Value: 'abc' }] });

let sb: Sandbox & { lines: string[] };
const targets: Target[] = [];
beforeEach(async () => {
  sb = await sandbox();
});
afterEach(async () => {
  await sb.stop();
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

async function liveTarget(reply?: Parameters<typeof target>[0]): Promise<Target> {
  const t = await target(reply);
  targets.push(t);
  return t;
}

/** One call of each of the 12 operations, with valid ids and bodies. */
async function everyOperation(): Promise<[string, string, unknown?][]> {
  const { targetId, subscriptionId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'lead', Op: 'create', Recipients: ['a@acme.com'] });
  const sub = { Entity: 'lead', Op: 'create', TargetId: targetId, Recipients: ['a@acme.com'] };
  return [
    ['POST', '/v1/targets', { Name: 'new', Endpoint: endpoint() }],
    ['GET', '/v1/targets'],
    ['PUT', `/v1/targets/${targetId}`, { Name: 'renamed', Endpoint: endpoint() }],
    ['PATCH', `/v1/targets/${targetId}/enable`],
    ['PATCH', `/v1/targets/${targetId}/disable`],
    ['POST', '/v1/subscriptions', { ...sub, Op: 'update' }],
    ['GET', '/v1/subscriptions'],
    ['PUT', `/v1/subscriptions/${subscriptionId}`, sub],
    ['PUT', `/v1/subscriptions/${subscriptionId}/recipients/b%40acme.com`],
    ['DELETE', `/v1/subscriptions/${subscriptionId}/recipients/a%40acme.com`],
    ['DELETE', `/v1/subscriptions/${subscriptionId}`],
    ['DELETE', `/v1/targets/${targetId}`],
  ];
}

describe('CONTRACT §7', () => {
  it('1. answers 401 with ProblemDetails to a missing, malformed or unknown token, on every operation', async () => {
    const operations = await everyOperation();
    expect(operations).toHaveLength(12);
    for (const [method, path, body] of operations) {
      for (const token of [null, 'not-a-known-token']) {
        const reply = await api(sb, method, path, { body, token });
        expect(reply.status, `${method} ${path} with ${token}`).toBe(401);
        expect(reply.json).toMatchObject({ Status: 401, Title: 'Unauthorized' });
      }
    }
    // A token not sent as Bearer is no token.
    const basic = await fetch(`${sb.baseUrl}/v1/targets`, { headers: { authorization: `Basic ${ADMIN}` } });
    expect(basic.status).toBe(401);
    expect(await basic.json()).toMatchObject({ Status: 401 });
    // Nothing was changed by the refused calls.
    expect((await api(sb, 'GET', '/v1/targets')).json.Data.Items).toHaveLength(1);
  });

  it('2. answers 403 to a valid non-admin token on every operation, and lets the admin token through', async () => {
    const operations = await everyOperation();
    for (const [method, path, body] of operations) {
      const reply = await api(sb, method, path, { body, token: USER });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.json).toMatchObject({ Status: 403 });
    }
    for (const [method, path, body] of operations) {
      const reply = await api(sb, method, path, { body });
      expect(reply.status, `${method} ${path}: ${reply.text}`).toBeLessThan(300);
    }
  });

  it('3. creates a target: 201, a new UUID TargetId (the body one ignored), Enabled true, Name and Endpoint as sent', async () => {
    const sent = { TargetId: UNKNOWN, Name: 'Orders hook', Endpoint: endpoint('https://hooks.example.com/in?secret=a%20b&x=1') };
    const reply = await api(sb, 'POST', '/v1/targets', { body: sent });
    expect(reply.status).toBe(201);
    const item = reply.json.Data.Item;
    expect(item.TargetId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(item.TargetId).not.toBe(UNKNOWN);
    expect(item).toEqual({ TargetId: item.TargetId, Name: 'Orders hook', Enabled: true, Endpoint: sent.Endpoint });
    const second = await api(sb, 'POST', '/v1/targets', { body: { ...sent, Name: 'Other' } });
    expect(second.json.Data.Item.TargetId).not.toBe(item.TargetId);
  });

  it('4. refuses the 11th target with 409 and keeps 10', async () => {
    for (let i = 1; i <= 10; i++) expect((await api(sb, 'POST', '/v1/targets', { body: { Name: `t${i}`, Endpoint: endpoint() } })).status).toBe(201);
    const eleventh = await api(sb, 'POST', '/v1/targets', { body: { Name: 't11', Endpoint: endpoint() } });
    expect(eleventh.status).toBe(409);
    expect(eleventh.json.Detail).toMatch(/10/);
    expect((await api(sb, 'GET', '/v1/targets')).json.Data.Items).toHaveLength(10);
    // Freeing a slot allows one more.
    const first = (await api(sb, 'GET', '/v1/targets?Name=t1')).json.Data.Items[0].TargetId;
    expect((await api(sb, 'DELETE', `/v1/targets/${first}`)).status).toBe(204);
    expect((await api(sb, 'POST', '/v1/targets', { body: { Name: 't11', Endpoint: endpoint() } })).status).toBe(201);
  });

  it('4b. can answer 400 instead for the 11th target', async () => {
    const other = await sandbox({ targetLimitStatus: 400 });
    try {
      for (let i = 0; i < 10; i++) await api(other, 'POST', '/v1/targets', { body: { Name: `t${i}`, Endpoint: endpoint() } });
      expect((await api(other, 'POST', '/v1/targets', { body: { Name: 'x', Endpoint: endpoint() } })).status).toBe(400);
      expect((await api(other, 'GET', '/v1/targets')).json.Data.Items).toHaveLength(10);
    } finally {
      await other.stop();
    }
  });

  it('5. lists targets in Data.Items, and ?Name= narrows the list', async () => {
    expect((await api(sb, 'GET', '/v1/targets')).json).toEqual({ Data: { Items: [] } });
    await api(sb, 'POST', '/v1/targets', { body: { Name: 'Alpha', Endpoint: endpoint() } });
    await api(sb, 'POST', '/v1/targets', { body: { Name: 'Beta', Endpoint: endpoint() } });
    const all = await api(sb, 'GET', '/v1/targets');
    expect(all.status).toBe(200);
    expect(all.json.Data.Items.map((t: { Name: string }) => t.Name)).toEqual(['Alpha', 'Beta']);
    expect((await api(sb, 'GET', '/v1/targets?Name=beta')).json.Data.Items.map((t: { Name: string }) => t.Name)).toEqual(['Beta']);
    expect((await api(sb, 'GET', '/v1/targets?name=Alpha')).json.Data.Items).toHaveLength(1);
    expect((await api(sb, 'GET', '/v1/targets?Name=Gamma')).json.Data.Items).toEqual([]);
    expect((await api(sb, 'GET', '/v1/targets?Name=')).json.Data.Items).toHaveLength(2);
  });

  it('6. answers 404 with ProblemDetails to PUT, DELETE or PATCH on an unknown id', async () => {
    const { subscriptionId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'lead', Op: 'create' });
    const { targetId } = await subscribe(sb, 'https://hooks.example.com/b', { Entity: 'lead', Op: 'update' });
    const calls: [string, string, unknown?][] = [
      ['PUT', `/v1/targets/${UNKNOWN}`, { Name: 'x', Endpoint: endpoint() }],
      ['DELETE', `/v1/targets/${UNKNOWN}`],
      ['PATCH', `/v1/targets/${UNKNOWN}/enable`],
      ['PATCH', `/v1/targets/${UNKNOWN}/disable`],
      ['PATCH', '/v1/targets/not-a-uuid/disable'],
      ['PUT', `/v1/subscriptions/${UNKNOWN}`, { Entity: 'lead', Op: 'delete', TargetId: targetId }],
      ['DELETE', `/v1/subscriptions/${UNKNOWN}`],
      ['PUT', `/v1/subscriptions/${UNKNOWN}/recipients/a%40b.c`],
      ['DELETE', `/v1/subscriptions/${UNKNOWN}/recipients/a%40b.c`],
      ['DELETE', `/v1/subscriptions/${subscriptionId}/recipients/never-added`],
    ];
    for (const [method, path, body] of calls) {
      const reply = await api(sb, method, path, { body });
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.json).toMatchObject({ Status: 404, Title: 'Not Found', Instance: `/webhooks${path.replace('%40', '%40')}` });
    }
  });

  it('answers a malformed path id as the OpenAPI document declares: 400 where the operation declares it, else 404', async () => {
    const { targetId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'lead', Op: 'create' });
    const bodies: Record<string, unknown> = {
      '/v1/targets/{TargetId}': { Name: 'x', Endpoint: endpoint() },
      '/v1/subscriptions/{SubscriptionId}': { Entity: 'lead', Op: 'delete', TargetId: targetId },
    };
    let checked = 0;
    for (const [template, operations] of Object.entries(openapi.paths)) {
      const param = /\{(TargetId|SubscriptionId)\}/.exec(template)?.[1];
      if (!param) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const path = template.replace(`{${param}}`, 'not-a-uuid').replace('{Recipient}', 'a%40b.c');
        const body = method === 'put' ? bodies[template] : undefined;
        // api() also fails the test if the status is not declared for the operation or the body does not match its schema.
        const reply = await api(sb, method.toUpperCase(), path, { body });
        const expected = operation.responses['400'] ? 400 : 404;
        expect(reply.status, `${method.toUpperCase()} ${path}`).toBe(expected);
        expect(reply.json.Detail, `${method.toUpperCase()} ${path}`).toContain('not-a-uuid');
        // Where the document settles it, no assumption label; the PATCH 404 is the sandbox's choice.
        expect((reply.headers as Headers).get('x-sandbox-assumption') !== null, `${method.toUpperCase()} ${path}`).toBe(expected === 404);
        checked++;
      }
    }
    expect(checked).toBe(8);
  });

  it('7. disables a target (204, empty body, Enabled false, no deliveries) and enables it again', async () => {
    const hook = await liveTarget();
    const { targetId } = await subscribe(sb, `${hook.url}/hook`, { Entity: 'lead', Op: 'create' });
    const disabled = await api(sb, 'PATCH', `/v1/targets/${targetId}/disable`);
    expect([disabled.status, disabled.text]).toEqual([204, '']);
    expect((await api(sb, 'PATCH', `/v1/targets/${targetId}/disable`)).status).toBe(204);
    expect((await api(sb, 'GET', '/v1/targets')).json.Data.Items[0].Enabled).toBe(false);
    const dropped = sb.emit({ Entity: 'lead', Op: 'create', New: { CompanyName: 'Dropped' } });
    await sb.idle();
    expect(hook.received).toHaveLength(0);
    expect(sb.deliveries().find((d) => d.eventId === dropped.Id)?.state).toBe('dropped');

    const enabled = await api(sb, 'PATCH', `/v1/targets/${targetId}/enable`);
    expect([enabled.status, enabled.text]).toEqual([204, '']);
    expect((await api(sb, 'GET', '/v1/targets')).json.Data.Items[0].Enabled).toBe(true);
    const sent = sb.emit({ Entity: 'lead', Op: 'create', New: { CompanyName: 'Sent' } });
    await sb.idle();
    // The dropped event is not queued for later: only the new one arrives.
    expect(hook.received.map((r) => JSON.parse(r.body)[0].Id)).toEqual([sent.Id]);
  });

  it('8. deletes with 204, a second delete is 404, and a target takes its subscriptions with it', async () => {
    const { targetId, subscriptionId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'lead', Op: 'create' });
    await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'lead', Op: 'update', TargetId: targetId } });
    const other = await subscribe(sb, 'https://hooks.example.com/b', { Entity: 'lead', Op: 'create' });

    const first = await api(sb, 'DELETE', `/v1/subscriptions/${subscriptionId}`);
    expect([first.status, first.text]).toEqual([204, '']);
    expect((await api(sb, 'DELETE', `/v1/subscriptions/${subscriptionId}`)).status).toBe(404);

    expect((await api(sb, 'DELETE', `/v1/targets/${targetId}`)).status).toBe(204);
    expect((await api(sb, 'DELETE', `/v1/targets/${targetId}`)).status).toBe(404);
    const left = (await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items;
    expect(left.map((s: { SubscriptionId: string }) => s.SubscriptionId)).toEqual([other.subscriptionId]);
  });

  it('9. refuses a second subscription with the same TargetId+Entity+Op, ignoring case, on POST and on PUT', async () => {
    const { targetId, subscriptionId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'Opportunity', Op: 'update' });
    const duplicate = await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'opportunity', Op: 'UPDATE', TargetId: targetId.toUpperCase() } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.Status).toBe(409);

    const second = await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'opportunity', Op: 'create', TargetId: targetId } });
    expect(second.status).toBe(201);
    const clash = await api(sb, 'PUT', `/v1/subscriptions/${second.json.Data.Item.SubscriptionId}`, {
      body: { Entity: 'OPPORTUNITY', Op: 'Update', TargetId: targetId },
    });
    expect(clash.status).toBe(409);
    // Re-saving a subscription with its own triple is not a clash.
    expect(
      (await api(sb, 'PUT', `/v1/subscriptions/${subscriptionId}`, { body: { Entity: 'Opportunity', Op: 'update', TargetId: targetId, Recipients: ['x'] } }))
        .status,
    ).toBe(200);
    // The same Entity+Op on another target is fine.
    const other = await api(sb, 'POST', '/v1/targets', { body: { Name: 'other', Endpoint: endpoint() } });
    expect(
      (await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'Opportunity', Op: 'update', TargetId: other.json.Data.Item.TargetId } })).status,
    ).toBe(201);
  });

  it('10. answers 400 naming the bad filter string for invalid JSON or an unknown operator, and accepts $HASFIELD', async () => {
    const { targetId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'lead', Op: 'create' });
    const invalid = await api(sb, 'POST', '/v1/subscriptions', {
      body: { Entity: 'lead', Op: 'update', TargetId: targetId, Filter: ['{"Revenue": {"$GT": 1}}', '{"Revenue": {"$GT": 1}'] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.Detail).toMatch(/Filter\[1\] "\{\\"Revenue\\": \{\\"\$GT\\": 1\}": not valid JSON/);
    const unknown = await api(sb, 'POST', '/v1/subscriptions', {
      body: { Entity: 'lead', Op: 'update', TargetId: targetId, Filter: ['{"Revenue": {"$BETWEEN": [1, 2]}}'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.Detail).toMatch(/Filter\[0\].*unknown operator \$BETWEEN/);
    const twoKeys = await api(sb, 'POST', '/v1/subscriptions', {
      body: { Entity: 'lead', Op: 'update', TargetId: targetId, Filter: ['{"A": {"$EQ": 1}, "B": {"$EQ": 1}}'] },
    });
    expect(twoKeys.status).toBe(400);
    expect((await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items).toHaveLength(1);

    const hasField = await api(sb, 'POST', '/v1/subscriptions', {
      body: { Entity: 'lead', Op: 'update', TargetId: targetId, Filter: ['{ "$HASFIELD": "Email" }'] },
    });
    expect(hasField.status).toBe(201);
    expect(hasField.json.Data.Item.Filter).toEqual(['{ "$HASFIELD": "Email" }']);
    // The same validation applies on PUT.
    const put = await api(sb, 'PUT', `/v1/subscriptions/${hasField.json.Data.Item.SubscriptionId}`, {
      body: { Entity: 'lead', Op: 'update', TargetId: targetId, Filter: ['nope'] },
    });
    expect(put.status).toBe(400);
  });

  it('11. applies TargetId, Entity and Op of GET /v1/subscriptions as AND filters', async () => {
    const a = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'lead', Op: 'create' });
    const b = await subscribe(sb, 'https://hooks.example.com/b', { Entity: 'lead', Op: 'create' });
    const aUpdate = (await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'lead', Op: 'update', TargetId: a.targetId } })).json.Data.Item
      .SubscriptionId;
    const aOpp = (await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'Opportunity', Op: 'create', TargetId: a.targetId } })).json.Data.Item
      .SubscriptionId;
    const ids = async (query: string) =>
      (await api(sb, 'GET', `/v1/subscriptions${query}`)).json.Data.Items.map((s: { SubscriptionId: string }) => s.SubscriptionId);
    expect(await ids('')).toEqual([a.subscriptionId, b.subscriptionId, aUpdate, aOpp]);
    expect(await ids(`?TargetId=${a.targetId}`)).toEqual([a.subscriptionId, aUpdate, aOpp]);
    expect(await ids('?Entity=LEAD')).toEqual([a.subscriptionId, b.subscriptionId, aUpdate]);
    expect(await ids('?Op=create')).toEqual([a.subscriptionId, b.subscriptionId, aOpp]);
    expect(await ids(`?TargetId=${a.targetId}&Entity=lead&Op=create`)).toEqual([a.subscriptionId]);
    expect(await ids(`?TargetId=${b.targetId}&Op=update`)).toEqual([]);
    const bad = await api(sb, 'GET', '/v1/subscriptions?TargetId=nope');
    expect(bad.status).toBe(400);
  });

  it('12. adds and removes recipients (204, visible in GET) and delivers the subscription list as Recipients', async () => {
    const hook = await liveTarget();
    const { subscriptionId } = await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create', Recipients: ['sales@acme.com'] });
    const added = await api(sb, 'PUT', `/v1/subscriptions/${subscriptionId}/recipients/${encodeURIComponent('ops team/west@acme.com')}`);
    expect([added.status, added.text]).toEqual([204, '']);
    expect((await api(sb, 'PUT', `/v1/subscriptions/${subscriptionId}/recipients/sales%40acme.com`)).status).toBe(204);
    expect((await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items[0].Recipients).toEqual(['sales@acme.com', 'ops team/west@acme.com']);
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    expect(JSON.parse(hook.received[0]!.body)[0].Recipients).toEqual(['sales@acme.com', 'ops team/west@acme.com']);

    const removed = await api(sb, 'DELETE', `/v1/subscriptions/${subscriptionId}/recipients/sales%40acme.com`);
    expect([removed.status, removed.text]).toEqual([204, '']);
    expect((await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items[0].Recipients).toEqual(['ops team/west@acme.com']);
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    expect(JSON.parse(hook.received[1]!.body)[0].Recipients).toEqual(['ops team/west@acme.com']);
  });

  it('13. delivers a POST to the exact Url, query string kept, with every configured header', async () => {
    const hook = await liveTarget();
    const url = `${hook.url}/in/maximizer?secret=s%2B3cr%C3%A9t&mode=a&mode=b`;
    await subscribe(
      sb,
      url,
      { Entity: 'lead', Op: 'create' },
      {
        Headers: [
          { Key: 'X-Api-Key', Value: 'k-123' },
          { Key: 'Authorization', Value: 'Bearer target-token' },
        ],
      },
    );
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    expect(hook.received).toHaveLength(1);
    const request = hook.received[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/in/maximizer?secret=s%2B3cr%C3%A9t&mode=a&mode=b');
    expect(request.headers['x-api-key']).toBe('k-123');
    expect(request.headers.authorization).toBe('Bearer target-token');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('14. makes exactly 3 attempts to a target that answers 500, with the same Id and body, then nothing more', async () => {
    const hook = await liveTarget(() => ({ status: 500 }));
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    const event = sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(hook.received[0]!.body)[0].Id).toBe(event.Id);
    const record = sb.deliveries()[0]!;
    expect(record.state).toBe('discarded');
    expect(record.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(sb.lines.some((line) => line.includes('discarded') && line.includes(event.Id))).toBe(true);
  });

  it('15. sends exactly 1 request to a target that answers 200 at once', async () => {
    const hook = await liveTarget();
    await subscribe(sb, hook.url, { Entity: 'lead', Op: 'create' });
    sb.emit({ Entity: 'lead', Op: 'create' });
    await sb.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.received).toHaveLength(1);
    expect(sb.deliveries()[0]).toMatchObject({ state: 'delivered', attempts: [{ attempt: 1, status: 200, error: null }] });
  });

  it('16. filters: all strings must match, % is the only $LIKE wildcard, $EXISTS checks both sections, UDFs only as Udf/$TYPEID(n)', async () => {
    const hooks = await Promise.all([liveTarget(), liveTarget(), liveTarget(), liveTarget(), liveTarget()]);
    const [all, like, exists, udf, udfByName] = hooks as [Target, Target, Target, Target, Target];
    await subscribe(sb, all.url, { Entity: 'lead', Op: 'update', Filter: ['{"Revenue": {"$GT": 1000}}', '{"CompanyName": {"$LIKE": "acme%"}}'] });
    await subscribe(sb, like.url, { Entity: 'lead', Op: 'update', Filter: ['{"CompanyName": {"$LIKE": "Acme_Corp"}}'] });
    await subscribe(sb, exists.url, { Entity: 'lead', Op: 'update', Filter: ['{"$EXISTS": "OldOnly"}'] });
    await subscribe(sb, udf.url, { Entity: 'lead', Op: 'update', Filter: ['{"Udf/$TYPEID(57997)": {"$IN": ["2"]}}'] });
    await subscribe(sb, udfByName.url, { Entity: 'lead', Op: 'update', Filter: ['{"Udf/$NAME(Category)": {"$IN": ["2"]}}'] });

    const big = sb.emit({
      Entity: 'lead',
      Op: 'update',
      Original: { OldOnly: 1 },
      New: { Revenue: 5000, CompanyName: 'ACME Corp', 'Udf/$TYPEID(57997)': ['2'] },
    });
    const small = sb.emit({ Entity: 'lead', Op: 'update', New: { Revenue: 50, CompanyName: 'Acme_Corp' } });
    await sb.idle();
    const ids = (t: Target) => t.received.map((r) => JSON.parse(r.body)[0].Id);
    expect(ids(all)).toEqual([big.Id]);
    expect(ids(like)).toEqual([small.Id]);
    expect(ids(exists)).toEqual([big.Id]);
    expect(ids(udf)).toEqual([big.Id]);
    expect(ids(udfByName)).toEqual([]);
  });

  it('17. keeps the payload invariants on every generated kind', async () => {
    const hook = await liveTarget();
    const subscribed = new Set<string>();
    const events = sb.kinds.map((kind) => sb.generate(kind));
    for (const event of events) {
      const pair = `${event.Entity}/${event.Op}`.toLowerCase();
      if (subscribed.has(pair)) continue;
      subscribed.add(pair);
      const created = await api(sb, 'POST', '/v1/targets', { body: { Name: pair, Endpoint: { Url: `${hook.url}/${pair}`, Headers: null } } });
      await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: event.Entity, Op: event.Op, TargetId: created.json.Data.Item.TargetId } });
    }
    const again = sb.kinds.map((kind) => sb.generate(kind));
    await sb.idle();
    const payloads = hook.received.map((r) => JSON.parse(r.body)[0]);
    expect(payloads).toHaveLength(again.length);
    expect(new Set(payloads.map((p) => p.Id)).size).toBe(payloads.length);
    expect(new Set(payloads.map((p) => p.WorkspaceId))).toEqual(new Set([sb.workspaceId]));
    for (const p of payloads) {
      expect(p.ProcessedTimestamp >= p.Timestamp, `${p.Timestamp} → ${p.ProcessedTimestamp}`).toBe(true);
      expect(p.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(p.Data.Version).not.toBeNull();
      expect(p.Data.Version).toBeDefined();
      const op = String(p.Data.Op).toLowerCase();
      if (op === 'create') expect(p.Data.Original).toBeNull();
      if (op === 'delete' || op === 'read') expect(p.Data.New).toBeNull();
    }
  });

  it('18. switches between guide style (array, PascalCase, default) and Postman style (object, lowercase)', async () => {
    const hook = await liveTarget();
    await subscribe(sb, hook.url, { Entity: 'opportunity', Op: 'create' });
    sb.emit({ Entity: 'opportunity', Op: 'create' });
    await sb.idle();
    const guide = JSON.parse(hook.received[0]!.body);
    expect(Array.isArray(guide)).toBe(true);
    expect(Object.keys(guide[0])).toEqual(['Id', 'Timestamp', 'ProcessedTimestamp', 'WorkspaceId', 'SourceId', 'Recipients', 'Options', 'Entity', 'Data']);
    expect(Object.keys(guide[0].Data)).toEqual(['Op', 'Original', 'New', 'Version']);

    const postman = await sandbox({ payloadStyle: 'postman' });
    try {
      await subscribe(postman, `${hook.url}/postman`, { Entity: 'opportunity', Op: 'create' });
      postman.emit({ Entity: 'opportunity', Op: 'create' });
      await postman.idle();
      const body = JSON.parse(hook.received[1]!.body);
      expect(Array.isArray(body)).toBe(false);
      expect(Object.keys(body)).toEqual(['id', 'timestamp', 'workspaceid', 'recipients', 'options', 'processedTimestamp', 'entity', 'data']);
      expect(Object.keys(body.data)).toEqual(['op', 'new', 'version']);
      expect(body.data.version).toBe(0.1);
    } finally {
      await postman.stop();
    }
    // Byte-for-byte replay of the official samples: see delivery.test.ts.
  });

  it('19. uses PascalCase for every property of every management-API response', async () => {
    await everyOperation();
    const { targetId, subscriptionId } = await subscribe(sb, 'https://hooks.example.com/z', {
      Entity: 'lead',
      Op: 'delete',
      Filter: ['{"rows": {"$GT": 1}}'],
      Recipients: ['a'],
    });
    await api(sb, 'GET', '/v1/targets');
    await api(sb, 'GET', '/v1/subscriptions');
    await api(sb, 'PUT', `/v1/subscriptions/${subscriptionId}`, { body: { entity: 'lead', op: 'delete', targetId } });
    await api(sb, 'POST', '/v1/targets', { body: { name: 'x' } });
    await api(sb, 'PUT', `/v1/targets/${UNKNOWN}`, { body: { Name: 'x', Endpoint: endpoint() } });
    await api(sb, 'POST', '/v1/targets', {});
    const offenders: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}[${i}]`));
      else if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) {
          if (!/^[A-Z]/.test(key)) offenders.push(`${where}.${key}`);
          // Errors are keyed by property path (Endpoint.Url), whose own parts are PascalCase.
          walk(child, `${where}.${key}`);
        }
    };
    expect(managementBodies.length).toBeGreaterThan(20);
    for (const { what, body } of managementBodies) walk(body, what);
    expect(offenders).toEqual([]);
  });
});

describe('validation and request handling', () => {
  it('reads request property names ignoring case, and ignores unknown ones', async () => {
    const reply = await api(sb, 'POST', '/v1/targets', {
      body: { name: 'lower', endpoint: { url: 'https://x.example/h', headers: [{ key: 'X-A', value: '1' }] }, enabled: false, Extra: 1 },
    });
    expect(reply.status).toBe(201);
    expect(reply.json.Data.Item).toMatchObject({
      Name: 'lower',
      Enabled: true,
      Endpoint: { Url: 'https://x.example/h', Headers: [{ Key: 'X-A', Value: '1' }] },
    });
    const sub = await api(sb, 'POST', '/v1/subscriptions', {
      body: { ENTITY: 'lead', oP: 'create', targetid: reply.json.Data.Item.TargetId, recipients: ['r'], filter: null },
    });
    expect(sub.status).toBe(201);
    expect(sub.json.Data.Item).toMatchObject({ Entity: 'lead', Op: 'create', Recipients: ['r'], Filter: null });
  });

  it.each([
    ['no body', undefined, /non-empty request body/],
    ['invalid JSON', '{"Name": ', /not valid JSON/],
    ['no Endpoint', { Name: 'x' }, /Endpoint is required/],
    ['no Url', { Name: 'x', Endpoint: {} }, /Endpoint\.Url is required/],
    ['a relative Url', { Name: 'x', Endpoint: { Url: '/hook' } }, /absolute http/],
    ['an ftp Url', { Name: 'x', Endpoint: { Url: 'ftp://x.example/' } }, /absolute http/],
    ['a Url with a space', { Name: 'x', Endpoint: { Url: 'https://x.example/a b' } }, /absolute http/],
    ['a header name with a space', { Name: 'x', Endpoint: { Url: 'https://x.example/', Headers: [{ Key: 'X A', Value: '1' }] } }, /valid HTTP header name/],
    [
      'a header value with a line break',
      { Name: 'x', Endpoint: { Url: 'https://x.example/', Headers: [{ Key: 'X-A', Value: '1\r\nX-B: 2' }] } },
      /line breaks/,
    ],
    ['a managed header', { Name: 'x', Endpoint: { Url: 'https://x.example/', Headers: [{ Key: 'Content-Length', Value: '1' }] } }, /set by the sender/],
    ['a numeric Name', { Name: 5, Endpoint: { Url: 'https://x.example/' } }, /Name/],
    ['an array body', [], /must be a JSON object/],
  ])('refuses a target with %s (400)', async (_what, body, detail) => {
    const reply = await api(sb, 'POST', '/v1/targets', typeof body === 'string' ? { raw: body } : { body });
    expect(reply.status).toBe(400);
    expect(reply.json.Detail).toMatch(detail);
    expect((await api(sb, 'GET', '/v1/targets')).json.Data.Items).toEqual([]);
  });

  it('refuses a body that is not JSON by media type (415), outside the document', async () => {
    const response = await fetch(`${sb.baseUrl}/v1/targets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ Name: 'x', Endpoint: endpoint() }),
    });
    expect(response.status).toBe(415);
    for (const type of ['text/json', 'application/*+json'.replace('*', 'vnd.x'), 'application/json-patch+json; charset=utf-8']) {
      const ok = await api(sb, 'POST', '/v1/targets', { body: { Name: type, Endpoint: endpoint() }, contentType: type });
      expect(ok.status, type).toBe(201);
    }
  });

  it('keeps target names unique ignoring case, on POST and PUT', async () => {
    await api(sb, 'POST', '/v1/targets', { body: { Name: 'Main', Endpoint: endpoint() } });
    const other = await api(sb, 'POST', '/v1/targets', { body: { Name: 'Other', Endpoint: endpoint() } });
    expect((await api(sb, 'POST', '/v1/targets', { body: { Name: 'MAIN', Endpoint: endpoint() } })).status).toBe(409);
    expect((await api(sb, 'PUT', `/v1/targets/${other.json.Data.Item.TargetId}`, { body: { Name: 'main', Endpoint: endpoint() } })).status).toBe(409);
    const renamed = await api(sb, 'PUT', `/v1/targets/${other.json.Data.Item.TargetId}`, {
      body: { Name: 'OTHER', Endpoint: endpoint('https://new.example/h') },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.Data.Item).toMatchObject({ Name: 'OTHER', Enabled: true, Endpoint: { Url: 'https://new.example/h' } });
  });

  it('keeps Enabled across a PUT, which replaces Name and Endpoint', async () => {
    const created = await api(sb, 'POST', '/v1/targets', { body: { Name: 'a', Endpoint: endpoint() } });
    const targetId = created.json.Data.Item.TargetId;
    await api(sb, 'PATCH', `/v1/targets/${targetId}/disable`);
    const put = await api(sb, 'PUT', `/v1/targets/${targetId}`, { body: { Endpoint: { Url: 'https://b.example/' } } });
    expect(put.json.Data.Item).toEqual({ TargetId: targetId, Name: null, Enabled: false, Endpoint: { Url: 'https://b.example/', Headers: null } });
  });

  it.each([
    ['no Entity', { Op: 'create' }, /Entity is required/],
    ['a blank Op', { Entity: 'lead', Op: ' ' }, /Op must not be empty/],
    ['a bad TargetId', { Entity: 'lead', Op: 'create', TargetId: 'x' }, /TargetId must be a UUID/],
    ['an unknown TargetId', { Entity: 'lead', Op: 'create', TargetId: UNKNOWN }, /No target/],
    ['Recipients that are not strings', { Entity: 'lead', Op: 'create', Recipients: [1] }, /Recipients/],
    ['a Filter that is not an array', { Entity: 'lead', Op: 'create', Filter: '{"$EXISTS": "A"}' }, /Filter/],
  ])('refuses a subscription with %s (400)', async (_what, body, detail) => {
    const created = await api(sb, 'POST', '/v1/targets', { body: { Name: 'a', Endpoint: endpoint() } });
    const reply = await api(sb, 'POST', '/v1/subscriptions', { body: { TargetId: created.json.Data.Item.TargetId, ...body } });
    expect(reply.status).toBe(400);
    expect(reply.json.Detail).toMatch(detail);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await fetch(`${sb.baseUrl}/v2/targets`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(404);
    const wrong = await fetch(`${sb.baseUrl}/v1/targets`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });

  it('matches route segments ignoring case, as ASP.NET routing does', async () => {
    expect((await fetch(`${sb.baseUrl.replace('/webhooks', '/Webhooks')}/V1/Targets`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
  });
});

describe('control endpoints', () => {
  it('emits an event from POST /sandbox/events and fills Id, timestamps, WorkspaceId and keys', async () => {
    const hook = await liveTarget();
    await subscribe(sb, hook.url, { Entity: 'Lead', Op: 'Update' });
    const reply = await control(sb, 'POST', '/sandbox/events', { entity: 'lead', op: 'update', New: { Position: 'CFO' } });
    expect(reply.status).toBe(202);
    expect(reply.json.Id).toMatch(/^[0-9a-f-]{36}$/);
    await sb.idle();
    const [event] = JSON.parse(hook.received[0]!.body);
    expect(event).toMatchObject({ Id: reply.json.Id, WorkspaceId: sb.workspaceId, Entity: 'lead', Data: { Op: 'update', Version: '0.8' } });
    expect(event.Data.New.Key).toBe(event.Data.Original.Key);
    expect(atob(event.Data.New.Key)).toMatch(/^Lead\t\d{21}LE\t0$/);
    expect(event.Data.New.Position).toBe('CFO');
    expect(event.ProcessedTimestamp >= event.Timestamp).toBe(true);
  });

  it('requires the admin token and a valid body on /sandbox/events', async () => {
    expect((await control(sb, 'POST', '/sandbox/events', { Entity: 'lead', Op: 'create' }, null)).status).toBe(401);
    expect((await control(sb, 'POST', '/sandbox/events', { Entity: 'lead', Op: 'create' }, USER)).status).toBe(403);
    const bad = await control(sb, 'POST', '/sandbox/events', { Entity: 'lead', New: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.Detail).toMatch(/Op is required/);
  });

  it('generates one event of a kind on POST /sandbox/generate and lists deliveries on GET /sandbox/deliveries', async () => {
    const hook = await liveTarget();
    await subscribe(sb, hook.url, { Entity: 'Opportunity', Op: 'update' });
    const generated = await control(sb, 'POST', '/sandbox/generate', { Kind: 'opportunity.stage' });
    expect(generated.status).toBe(202);
    expect(generated.json).toMatchObject({ Entity: 'Opportunity', Op: 'update' });
    expect((await control(sb, 'POST', '/sandbox/generate', { Kind: 'nope' })).status).toBe(400);
    await sb.idle();
    const listed = await control(sb, 'GET', `/sandbox/deliveries?EventId=${generated.json.Id}`);
    expect(listed.status).toBe(200);
    expect(listed.json.Items).toHaveLength(1);
    expect(listed.json.Items[0]).toMatchObject({ eventId: generated.json.Id, state: 'delivered', url: hook.url });
    const info = await control(sb, 'GET', '/sandbox');
    expect(info.json).toMatchObject({ WorkspaceId: sb.workspaceId, PayloadStyle: 'guide', Kinds: [...sb.kinds] });
  });
});

afterAll(() => {
  managementBodies.length = 0;
});

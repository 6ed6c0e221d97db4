import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/engine/sandbox';
import { ADMIN, USER, api, control, referenceFile, sandbox, subscribe, target, type Reply, type Target } from './harness';

/**
 * Answers neither the guide nor the OpenAPI document settles carry `X-Sandbox-Assumption` naming the
 * CONTRACT.md point they follow; documented answers carry none (so a developer can tell the two apart).
 */
const contract = readFileSync(referenceFile('CONTRACT.md'), 'utf8');
const endpoint = (url = 'https://hooks.example.com/h') => ({ Url: url, Headers: [] });
const label = (reply: Reply | Response) => (reply.headers as Headers).get('x-sandbox-assumption');

/** The label names a section of CONTRACT.md that exists and is marked [ASSUME] or [OPEN] there. */
function expectContractPoint(value: string | null, words: RegExp): void {
  // Header values are ASCII, so "section 2" stands for §2.
  expect(value).toMatch(/^CONTRACT\.md section \d: /);
  expect(value).toMatch(words);
  const section = /section (\d)/.exec(value!)![1];
  const body = contract.split(/^## /m).find((part) => part.startsWith(`${section}.`));
  expect(body, `CONTRACT.md §${section}`).toBeDefined();
  expect(body).toMatch(/\[(ASSUME|OPEN)\]/);
}

let sb: Sandbox & { lines: string[] };
const targets: Target[] = [];
beforeEach(async () => {
  sb = await sandbox();
});
afterEach(async () => {
  await sb.stop();
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

describe('X-Sandbox-Assumption', () => {
  it('labels the 11th target, a duplicate name, a duplicate subscription, an unknown TargetId and an absent recipient', async () => {
    const { targetId, subscriptionId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'Lead', Op: 'create' }, { Name: 'first' });
    const dupName = await api(sb, 'POST', '/v1/targets', { body: { Name: 'FIRST', Endpoint: endpoint() } });
    expect(dupName.status).toBe(409);
    expectContractPoint(label(dupName), /Target name/);
    const dupSub = await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'lead', Op: 'CREATE', TargetId: targetId } });
    expect(dupSub.status).toBe(409);
    expectContractPoint(label(dupSub), /Uniqueness/);
    const unknown = await api(sb, 'POST', '/v1/subscriptions', { body: { Entity: 'Lead', Op: 'update', TargetId: '0b7a3c52-3f0e-4d1a-9c55-7f6a1e2d9b80' } });
    expect(unknown.status).toBe(400);
    expectContractPoint(label(unknown), /Unknown TargetId/);
    const absent = await api(sb, 'DELETE', `/v1/subscriptions/${subscriptionId}/recipients/nobody`);
    expect(absent.status).toBe(404);
    expectContractPoint(label(absent), /Recipients/);
    for (let i = 0; i < 9; i++) await api(sb, 'POST', '/v1/targets', { body: { Name: `t${i}`, Endpoint: endpoint() } });
    const eleventh = await api(sb, 'POST', '/v1/targets', { body: { Name: 'eleventh', Endpoint: endpoint() } });
    expect(eleventh.status).toBe(409);
    expectContractPoint(label(eleventh), /Target limit/);
  });

  it('labels a DELETE that took subscriptions with it, and not one that did not', async () => {
    const { targetId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'Lead', Op: 'create' });
    const cascaded = await api(sb, 'DELETE', `/v1/targets/${targetId}`);
    expect(cascaded.status).toBe(204);
    expectContractPoint(label(cascaded), /Deleting a target/);
    expect((await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items).toEqual([]);
    const alone = await api(sb, 'POST', '/v1/targets', { body: { Name: 'alone', Endpoint: endpoint() } });
    const plain = await api(sb, 'DELETE', `/v1/targets/${alone.json.Data.Item.TargetId}`);
    expect([plain.status, label(plain)]).toEqual([204, null]);
  });

  it('labels 401/403, a bad filter, 415 and 405, and leaves documented answers unlabelled', async () => {
    expectContractPoint(label(await api(sb, 'GET', '/v1/targets', { token: null })), /Admin rule/);
    expectContractPoint(label(await api(sb, 'GET', '/v1/targets', { token: USER })), /Admin rule/);
    const created = await api(sb, 'POST', '/v1/targets', { body: { Name: 'a', Endpoint: endpoint() } });
    expect(label(created)).toBeNull();
    expect(label(await api(sb, 'GET', '/v1/targets'))).toBeNull();
    const badFilter = await api(sb, 'POST', '/v1/subscriptions', {
      body: { Entity: 'Lead', Op: 'create', TargetId: created.json.Data.Item.TargetId, Filter: ['{"A":{"$FOO":1}}'] },
    });
    expect(badFilter.status).toBe(400);
    expectContractPoint(label(badFilter), /Bad filters/);
    const unsupported = await fetch(`${sb.baseUrl}/v1/targets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(unsupported.status).toBe(415);
    expectContractPoint(label(unsupported), /media types/);
    const wrong = await fetch(`${sb.baseUrl}/v1/targets`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(wrong.status).toBe(405);
    expectContractPoint(label(wrong), /endpoints/);
  });
});

describe('Entity and Op', () => {
  it("refuses an Entity or Op outside the guide's list with 400 naming the known ones (the OpenAPI placeholder included)", async () => {
    const created = await api(sb, 'POST', '/v1/targets', { body: { Name: 'a', Endpoint: endpoint() } });
    const TargetId = created.json.Data.Item.TargetId;
    const placeholder = await api(sb, 'POST', '/v1/subscriptions', {
      body: { Entity: 'AbEntry, Opportunity, etc', Op: 'Create, Update, Delete, etc', TargetId },
    });
    expect(placeholder.status).toBe(400);
    expect(placeholder.json.Detail).toContain('Lead, Opportunity, AbEntry, Export');
    expect(placeholder.json.Detail).toContain('create, update, delete, read');
    expect(Object.keys(placeholder.json.Errors).sort()).toEqual(['Entity', 'Op']);
    expectContractPoint(label(placeholder), /Entity and Op/);
    for (const [Entity, Op] of [
      ['ABENTRY', 'Update'],
      ['export', 'read'],
      ['Opportunity', 'delete'],
    ]) {
      expect((await api(sb, 'POST', '/v1/subscriptions', { body: { Entity, Op, TargetId } })).status, `${Entity}/${Op}`).toBe(201);
    }
    expect((await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items).toHaveLength(3);
  });

  it('accepts any Entity and Op with the anyEntityOp setting, stored as sent', async () => {
    await sb.stop();
    sb = await sandbox({ anyEntityOp: true });
    const { subscriptionId } = await subscribe(sb, 'https://hooks.example.com/a', { Entity: 'Case', Op: 'merge' });
    const items = (await api(sb, 'GET', '/v1/subscriptions')).json.Data.Items;
    expect(items).toEqual([expect.objectContaining({ SubscriptionId: subscriptionId, Entity: 'Case', Op: 'merge' })]);
  });
});

describe('numeric Version', () => {
  it.each(['guide', 'postman'] as const)('%s style: an emitted Version 1.10 reaches the target spelled 1.10', async (payloadStyle) => {
    await sb.stop();
    sb = await sandbox({ payloadStyle });
    const hook = await target();
    targets.push(hook);
    await subscribe(sb, hook.url, { Entity: 'Opportunity', Op: 'update' });
    const emitted = await control(
      sb,
      'POST',
      '/sandbox/events',
      '{"Entity":"Opportunity","Op":"update","Original":{"Version":7},"New":{"Version":8},"Version":1.10}',
    );
    expect(emitted.status).toBe(202);
    await sb.idle();
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.body).toMatch(/"version":1\.10\}/i);
    expect(hook.received[0]!.body).toMatch(/"Version":7\b/);
  });
});

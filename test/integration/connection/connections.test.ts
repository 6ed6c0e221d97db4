import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaximizerClient } from '../../../electron/engine/maximizer';
import { startSandbox, type Sandbox } from '../../../electron/engine/sandbox';
import { eventually, startServe, type Served } from '../../helpers/serve';

// The app (browser mode, built) against a second sandbox standing in for a real CRM.
const ADMIN = 'crm-admin-token-3f9a1c77';
const USER = 'crm-user-token-not-admin';

let crm: Sandbox;
let served: Served;
let admin: MaximizerClient;

/** How an API error comes back over the automation API. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; body: { error: { message: string } } };
    return { status: e.status, message: e.body.error.message };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  crm = await startSandbox({ adminTokens: [ADMIN], userTokens: [USER], port: 0, retryDelayMs: 100, log: () => {} });
  admin = new MaximizerClient({ baseUrl: crm.baseUrl, token: ADMIN });
  served = await startServe();
});
afterAll(async () => {
  await served?.close();
  if (served) rmSync(served.dataDir, { recursive: true, force: true }); // restarted on the same folder below
  await crm?.stop();
});

describe('saved connections', () => {
  it('starts on the built-in sandbox, always listed first', async () => {
    const status = await eventually(async () => {
      const s = await served.call('connectionStatus');
      return s.connected ? s : false;
    });
    expect(status).toMatchObject({ kind: 'sandbox', label: 'Sandbox', connectionId: 'sandbox', sandboxRate: 0 });
    const { items } = await served.call('listConnections');
    expect(items).toEqual([expect.objectContaining({ id: 'sandbox', active: true })]);
  });

  it('the sandbox rate: the generator follows it and the connection status shows it, only while the sandbox is active', async () => {
    const before = (await served.call('status')).counts.events;
    expect(await served.call('sandboxSetRate', { perMinute: 600 })).toMatchObject({ kind: 'sandbox', sandboxRate: 600 });
    expect((await served.call('connectionStatus')).sandboxRate).toBe(600);
    await eventually(async () => (await served.call('status')).counts.events > before, 10_000);
    expect(await served.call('sandboxSetRate', { perMinute: 0 })).toMatchObject({ sandboxRate: 0 });

    await served.call('disconnect');
    expect(await failure(served.call('sandboxSetRate', { perMinute: 5 }))).toEqual({ status: 503, message: 'The sandbox is not the active connection' });
    expect((await served.call('connectionStatus')).sandboxRate).toBeNull();
    expect(await served.call('connectSandbox')).toMatchObject({ kind: 'sandbox', connected: true, sandboxRate: 0 });
  });

  it('"Test connection" lists targets and explains failures, changing nothing', async () => {
    expect(await served.call('testConnection', { baseUrl: crm.baseUrl, token: ADMIN })).toMatchObject({ ok: true, targets: 0, limit: 10 });
    const forbidden = await served.call('testConnection', { baseUrl: crm.baseUrl, token: USER });
    expect(forbidden).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(forbidden.message).toMatch(/Administrator/);
    const wrong = await served.call('testConnection', { baseUrl: crm.baseUrl, token: 'expired-token-000' });
    expect(wrong).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(wrong.message).toMatch(/token/i);
    expect((await served.call('connectionStatus')).kind).toBe('sandbox');
    expect(await admin.listTargets()).toEqual([]);
  });

  it('connects with a token, saves it encrypted or owner-only, and never gives it back', async () => {
    const status = await served.call('connect', { baseUrl: crm.baseUrl, token: ADMIN, label: 'CRM A' });
    expect(status).toMatchObject({ kind: 'maximizer', label: 'CRM A', connected: true, error: null });
    const targets = await admin.listTargets();
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ TargetId: status.targetId, Name: expect.stringMatching(/^Maximizer Webhook Inspector \(.+\)$/) });
    expect(targets[0]!.Endpoint?.Url).toBe(served.receiverUrl.replace(/\?.*$/, ''));
    expect(targets[0]!.Endpoint?.Headers).toContainEqual({ Key: 'X-Inspector-Secret', Value: new URL(served.receiverUrl).searchParams.get('secret') });

    const { items } = await served.call('listConnections');
    expect(items.map((c) => [c.label, c.active, c.hasToken])).toEqual([
      ['Sandbox', false, true],
      ['CRM A', true, true],
    ]);
    // Browser mode: one token file, readable only by its owner; the token is nowhere else.
    const tokenFiles = readdirSync(served.dataDir).filter((f) => f.startsWith('maximizer-token-'));
    expect(tokenFiles).toHaveLength(1);
    expect(statSync(join(served.dataDir, tokenFiles[0]!)).mode & 0o777).toBe(0o600);
    for (const file of readdirSync(served.dataDir).filter((f) => !f.startsWith('maximizer-token-')))
      expect(readFileSync(join(served.dataDir, file)).includes(ADMIN), file).toBe(false);
    expect(served.output()).not.toContain(ADMIN);
    expect(JSON.stringify([await served.call('connectionStatus'), await served.call('listConnections'), await served.call('status')])).not.toContain(ADMIN);
  });

  it('switches between saved connections without creating a second target', async () => {
    expect(await served.call('selectConnection', { id: 'sandbox' })).toMatchObject({ kind: 'sandbox', connected: true });
    const a = (await served.call('listConnections')).items.find((c) => c.label === 'CRM A')!;
    const back = await served.call('selectConnection', { id: a.id });
    expect(back).toMatchObject({ kind: 'maximizer', label: 'CRM A', connected: true });
    expect(await admin.listTargets()).toHaveLength(1);
  });

  it('a renamed own target is still recognised on reconnect', async () => {
    const own = (await served.call('connectionStatus')).targetId!;
    const renamed = await served.call('renameTarget', { targetId: own, name: 'Inspector on my laptop' });
    expect(renamed).toMatchObject({ name: 'Inspector on my laptop', own: true });
    expect((await admin.listTargets())[0]!.Endpoint?.Url).toBe(served.receiverUrl.replace(/\?.*$/, '')); // URL and headers kept
    await served.call('selectConnection', { id: 'sandbox' });
    const a = (await served.call('listConnections')).items.find((c) => c.label === 'CRM A')!;
    expect((await served.call('selectConnection', { id: a.id })).targetId).toBe(own);
    expect(await admin.listTargets()).toHaveLength(1);
  });
});

describe('subscriptions', () => {
  it('refuses a bad filter before sending it, naming the string and the reason', async () => {
    const bad = await failure(
      served.call('subscribe', { entity: 'Opportunity', op: 'update', filter: ['{"Revenue":{"$GT":1000}}', '{"Revenue":{"$GREATER":1}}'] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/Filter\[1\].*\$GREATER/);
    expect(await admin.listSubscriptions()).toEqual([]);
  });

  it('subscribes, edits the filter and the recipients', async () => {
    const sub = await served.call('subscribe', {
      entity: 'Opportunity',
      op: 'update',
      filter: ['{"Revenue":{"$GT":1000}}'],
      recipients: ['sales@example.com'],
    });
    expect(sub).toMatchObject({ own: true, filter: ['{"Revenue":{"$GT":1000}}'], recipients: ['sales@example.com'] });
    const edited = await served.call('updateSubscription', {
      subscriptionId: sub.subscriptionId,
      filter: ['{"Revenue":{"$GE":5000}}', '{"$EXISTS":"Objective"}'],
    });
    expect(edited.filter).toEqual(['{"Revenue":{"$GE":5000}}', '{"$EXISTS":"Objective"}']);
    expect(edited.recipients).toEqual(['sales@example.com']); // kept when not given
    const added = await served.call('addRecipient', { subscriptionId: sub.subscriptionId, recipient: 'a b/c?d@example.com' });
    expect(added.recipients).toEqual(['sales@example.com', 'a b/c?d@example.com']);
    const removed = await served.call('removeRecipient', { subscriptionId: sub.subscriptionId, recipient: 'sales@example.com' });
    expect(removed.recipients).toEqual(['a b/c?d@example.com']);
    expect((await admin.listSubscriptions())[0]).toMatchObject({
      Recipients: ['a b/c?d@example.com'],
      Filter: ['{"Revenue":{"$GE":5000}}', '{"$EXISTS":"Objective"}'],
    });
    // The server's own refusal comes back in plain words.
    const again = await failure(served.call('subscribe', { entity: 'opportunity', op: 'UPDATE' }));
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/already has a subscription/);
  });

  it("changes another integration's subscription only when asked to", async () => {
    const other = await admin.createTarget({ Name: 'ERP sync', Endpoint: { Url: 'http://127.0.0.1:9/erp', Headers: null } });
    const theirs = await admin.createSubscription({ Entity: 'Lead', Op: 'create', TargetId: other.TargetId, Filter: null, Recipients: null });
    const listed = (await served.call('listSubscriptions')).items.find((s) => s.subscriptionId === theirs.SubscriptionId);
    expect(listed).toMatchObject({ own: false, targetId: other.TargetId });

    const refused = await failure(served.call('unsubscribe', { subscriptionId: theirs.SubscriptionId }));
    expect(refused.message).toMatch(/another target \("ERP sync"\)/);
    await failure(served.call('addRecipient', { subscriptionId: theirs.SubscriptionId, recipient: 'x@example.com' }));
    expect((await admin.listSubscriptions({ targetId: other.TargetId }))[0]!.Recipients ?? []).toEqual([]);

    await served.call('unsubscribe', { subscriptionId: theirs.SubscriptionId, others: true });
    expect(await admin.listSubscriptions({ targetId: other.TargetId })).toEqual([]);
    await admin.deleteTarget(other.TargetId);
  });
});

describe('short-lived tokens', () => {
  it('says which kind was given on connect, and a reconnect after it lapsed fails in one line pointing to a PAT', async () => {
    const FERRET = 'ferret-token-0a1b2c3d';
    let short = await startSandbox({ adminTokens: [FERRET], port: 0, log: () => {} });
    const port = short.port;
    try {
      const status = await served.call('connect', { baseUrl: short.baseUrl, token: FERRET, label: 'Short CRM', tokenKind: 'ferret' });
      expect(status.token).toMatchObject({ kind: 'ferret', shortLived: true });
      expect(status.token!.note).toMatch(/about 2 minutes.*Personal Access Token/);
      expect(status.token!.expiresAt! - Date.now()).toBeGreaterThan(60_000);
      expect(status.token!.expiresAt! - Date.now()).toBeLessThanOrEqual(120_000);
      await served.call('selectConnection', { id: 'sandbox' });
      // The same CRM a while later: the Ferret token is no longer accepted.
      await short.stop();
      short = await startSandbox({ adminTokens: ['a-later-token-9z8y7x'], port, log: () => {} });
      const entry = (await served.call('listConnections')).items.find((c) => c.label === 'Short CRM')!;
      const lapsed = await failure(served.call('selectConnection', { id: entry.id }));
      expect(lapsed.message).toBe(
        'Could not reconnect to "Short CRM": its Ferret token has expired (it lasts about 2 minutes). Connect again with a Personal Access Token.',
      );
      await served.call('forgetConnection', { id: entry.id });
    } finally {
      await short.stop();
    }
  });
});

describe('the 10-target limit', () => {
  it("asks for an 11th target anyway: a CRM that allows more gets the app's own target", async () => {
    const roomy = await startSandbox({ adminTokens: [ADMIN], port: 0, targetLimit: 12, log: () => {} });
    try {
      const roomyAdmin = new MaximizerClient({ baseUrl: roomy.baseUrl, token: ADMIN });
      for (let i = 0; i < 10; i++) await roomyAdmin.createTarget({ Name: `Integration ${i}`, Endpoint: { Url: `http://127.0.0.1:9/t${i}`, Headers: null } });
      const status = await served.call('connect', { baseUrl: roomy.baseUrl, token: ADMIN, label: 'Roomy CRM' });
      expect(status).toMatchObject({ connected: true, error: null });
      expect(status.targetId).not.toBeNull();
      expect(await roomyAdmin.listTargets()).toHaveLength(11);
      await served.call('selectConnection', { id: 'sandbox' });
      const saved = (await served.call('listConnections')).items.find((c) => c.label === 'Roomy CRM')!;
      await served.call('forgetConnection', { id: saved.id });
    } finally {
      await roomy.stop();
    }
  });

  it('connects anyway, says so, and lets the user reuse one of the targets', async () => {
    await served.call('selectConnection', { id: 'sandbox' });
    const a = (await served.call('listConnections')).items.find((c) => c.label === 'CRM A')!;
    await served.call('forgetConnection', { id: a.id });
    expect(readdirSync(served.dataDir).filter((f) => f.startsWith('maximizer-token-'))).toEqual([]);
    for (const t of await admin.listTargets()) await admin.deleteTarget(t.TargetId);
    for (let i = 0; i < 10; i++)
      await admin.createTarget({ Name: `Integration ${i}`, Endpoint: { Url: `http://127.0.0.1:9/t${i}`, Headers: [{ Key: 'X-Keep', Value: String(i) }] } });

    const status = await served.call('connect', { baseUrl: crm.baseUrl, token: ADMIN, label: 'Full CRM' });
    // The app asked for an 11th (10 is only the "current limit"); the sandbox's refusal is labelled its guess.
    expect(status).toMatchObject({ connected: true, targetId: null, error: { kind: 'target_limit', assumption: expect.stringMatching(/Target limit/) } });
    expect(status.error!.message).toMatch(/already has 10 targets and Maximizer refused another/);
    const noTarget = await failure(served.call('subscribe', { entity: 'Lead', op: 'create' }));
    expect(noTarget.message).toMatch(/refused another/);

    const { items, limit } = await served.call('listTargets');
    expect([items.length, limit]).toEqual([10, 10]);
    const adopted = await served.call('adoptTarget', { targetId: items[3]!.targetId });
    expect(adopted).toMatchObject({ targetId: items[3]!.targetId, error: null });
    const reused = (await admin.listTargets()).find((t) => t.TargetId === items[3]!.targetId)!;
    expect(reused.Name).toMatch(/^Maximizer Webhook Inspector/);
    expect(reused.Endpoint?.Url).toBe(served.receiverUrl.replace(/\?.*$/, ''));
    expect(reused.Endpoint?.Headers).toEqual([
      { Key: 'X-Keep', Value: '3' },
      { Key: 'X-Inspector-Secret', Value: new URL(served.receiverUrl).searchParams.get('secret') },
    ]);
    expect(await admin.listTargets()).toHaveLength(10);
  });
});

describe('restart', () => {
  it('reconnects to the active saved connection on start', async () => {
    const before = await served.call('connectionStatus');
    expect(before.label).toBe('Full CRM');
    await served.kill();
    served = await startServe({ dataDir: served.dataDir });
    const after = await eventually(async () => {
      const s = await served.call('connectionStatus');
      return s.connected ? s : false;
    });
    expect(after).toMatchObject({ kind: 'maximizer', label: 'Full CRM', targetId: before.targetId });
  });
});

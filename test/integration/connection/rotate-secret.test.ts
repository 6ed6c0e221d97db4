import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MaximizerClient } from '../../../electron/engine/maximizer';
import { startSandbox, type Sandbox } from '../../../electron/engine/sandbox';
import { eventually, startServe, type Served } from '../../helpers/serve';

const ADMIN = 'crm-admin-token-rotate-5e1c';

let crm: Sandbox | undefined;
let served: Served | undefined;
afterAll(async () => {
  await served?.close();
  await crm?.stop();
});

const post = (url: string, headers: Record<string, string>, id: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify([{ Id: id, Entity: 'Lead', Data: { Op: 'create', New: { LastName: id } } }]),
  });

it("rotates the receiver secret: the app's target sends the new one, the old one works for a grace period", async () => {
  crm = await startSandbox({ adminTokens: [ADMIN], port: 0, retryDelayMs: 100, log: () => {} });
  const admin = new MaximizerClient({ baseUrl: crm.baseUrl, token: ADMIN });
  served = await startServe();
  await served.call('connect', { baseUrl: crm.baseUrl, token: ADMIN, label: 'CRM' });
  const before = await served.call('status');
  const hooks = `http://127.0.0.1:${before.receiver.port}/hooks`;
  const oldSecret = before.receiver.secret;

  // The app's own target: URL without the secret, the secret in its header.
  const [target] = await admin.listTargets();
  expect(target!.Endpoint?.Url).toBe(hooks);
  expect(target!.Endpoint?.Headers).toContainEqual({ Key: 'X-Inspector-Secret', Value: oldSecret });

  const rotated = await served.call('rotateSecret');
  expect(rotated.secret).not.toBe(oldSecret);
  expect(rotated.localUrl).toBe(`${hooks}?secret=${encodeURIComponent(rotated.secret)}`);
  expect(rotated.previousSecretUntil! - Date.now()).toBeGreaterThan(14 * 60_000);
  expect((await served.call('status')).receiver.secret).toBe(rotated.secret);

  // Both secrets are accepted during the grace period, by header and by ?secret=; a wrong one is not.
  expect((await post(hooks, { 'x-inspector-secret': rotated.secret }, 'rot-new')).status).toBe(200);
  expect((await post(hooks, { 'x-inspector-secret': oldSecret }, 'rot-old')).status).toBe(200);
  expect((await post(`${hooks}?secret=${encodeURIComponent(oldSecret)}`, {}, 'rot-old-query')).status).toBe(200);
  expect((await post(hooks, { 'x-inspector-secret': 'not-the-secret-at-all' }, 'rot-wrong')).status).toBe(401);

  // Maximizer's target follows, and a delivery from the CRM arrives with the new secret.
  await eventually(async () => (await admin.listTargets())[0]!.Endpoint?.Headers?.some((h) => h.Value === rotated.secret), 10_000);
  await served.call('subscribe', { entity: 'Lead', op: 'create' });
  const emitted = crm.emit({ Entity: 'Lead', Op: 'create', New: { FirstName: 'After', LastName: 'Rotation' } });
  await eventually(async () => (await served!.call('listEvents', { text: 'Rotation', limit: 5 })).items.length === 1, 15_000);
  expect(crm.deliveries().find((d) => d.eventId === emitted.Id)?.url).toBe(hooks);

  // The new secret survives a restart, and so does the old one's grace period.
  await served.kill();
  const again = await startServe({ dataDir: served.dataDir });
  try {
    const port = (await again.call('status')).receiver.port;
    expect((await again.call('status')).receiver.secret).toBe(rotated.secret);
    expect((await post(`http://127.0.0.1:${port}/hooks`, { 'x-inspector-secret': oldSecret }, 'rot-old-after-restart')).status).toBe(200);
    // The data folder and database are the owner's only.
    expect(statSync(again.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(again.dataDir, 'inspector.db')).mode & 0o777).toBe(0o600);
  } finally {
    await again.kill();
  }
}, 60_000);

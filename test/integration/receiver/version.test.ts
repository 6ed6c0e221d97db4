import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/engine/sandbox';
import { eventually, startServe, type Served } from '../../helpers/serve';

/**
 * Envelope fields are read from the envelope itself: record fields named Version/Id/Entity/Op inside
 * Original and New never stand in for them, whatever the key order, and a numeric Version keeps its
 * spelling (1.10 is minor 10, not "1.1"). Posted straight to the receiver in both payload styles, and
 * delivered by the sandbox to the receiver.
 */
let served: Served;
const ADMIN = 'admin-token-version-test';

beforeAll(async () => {
  served = await startServe();
});
afterAll(async () => {
  await served?.close();
});

async function stored(webhookId: string) {
  const found = await eventually(async () => (await served.call('listEvents', { text: webhookId, limit: 5 })).items.find((e) => e.webhookId === webhookId));
  return served.call('getEvent', { id: found.id });
}

const post = (body: string) =>
  fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => expect(r.status).toBe(200));

// Postman key order: original and new before version, lowercase envelope keys.
const postman = (id: string, version: string) =>
  `{"id":"${id}","timestamp":"2026-12-04T10:00:00Z","workspaceid":"W","recipients":[],"options":null,"processedTimestamp":"2026-12-04T10:00:01Z","entity":"opportunity","data":{"op":"update","original":{"Key":"k","Version":7,"Id":"rec-1","Entity":"Lead","Op":"delete"},"new":{"Key":"k","Version":8,"id":"rec-2"},"version":${version}}}`;
// Guide style: an array, PascalCase, Original/New before Version.
const guide = (id: string, version: string) =>
  `[{"Id":"${id}","Timestamp":"2026-12-04T10:00:00Z","ProcessedTimestamp":"2026-12-04T10:00:01Z","WorkspaceId":"W","SourceId":"S","Recipients":[],"Options":null,"Entity":"Opportunity","Data":{"Original":{"Key":"k","Version":7,"Op":"create"},"New":{"Key":"k","VERSION":8,"Entity":"Export"},"Op":"Update","Version":${version}}}]`;

describe('receiver: nested Version fields and numeric versions', () => {
  it.each([
    ['postman', postman],
    ['guide', guide],
  ] as const)('%s style', async (style, make) => {
    for (const [n, version, expected] of [
      [1, '1.10', '1.10'],
      [2, '0.1', '0.1'],
      [3, '"1.1"', '1.1'],
      [4, '2', '2'],
    ] as const) {
      const id = `version-${style}-${n}`;
      await post(make(id, version));
      const event = await stored(id);
      expect(event.version, `${style} ${version}`).toBe(expected);
      expect(event.entity?.toLowerCase()).toBe('opportunity');
      expect(event.op?.toLowerCase()).toBe('update');
      expect(event.webhookId).toBe(id);
      // A record field named Version never raises a false "new major version 7".
      expect((event.driftItems ?? []).map((d) => d.message).join(' ')).not.toMatch(/major version [78]/);
    }
  });

  it.each(['guide', 'postman'] as const)('a sandbox delivery (%s style) with Version 1.10 is stored as 1.10', async (payloadStyle) => {
    const sandbox: Sandbox = await startSandbox({ adminTokens: [ADMIN], port: 0, payloadStyle, log: () => {} });
    try {
      const target = await fetch(`${sandbox.baseUrl}/v1/targets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Name: `receiver ${payloadStyle}`, Endpoint: { Url: served.receiverUrl } }),
      }).then((r) => r.json() as Promise<{ Data: { Item: { TargetId: string } } }>);
      const sub = await fetch(`${sandbox.baseUrl}/v1/subscriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Entity: 'Opportunity', Op: 'update', TargetId: target.Data.Item.TargetId }),
      }).then((r) => r.json() as Promise<{ Data: { Item: { SubscriptionId: string } } }>);
      const emitted = await fetch(`${sandbox.rootUrl}/sandbox/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: '{"Entity":"Opportunity","Op":"update","Original":{"Version":7},"New":{"Version":8},"Version":1.10}',
      }).then((r) => r.json() as Promise<{ Id: string }>);
      const event = await stored(emitted.Id);
      expect(event.version).toBe('1.10');
      expect(sub.Data.Item.SubscriptionId).toBeTruthy();
    } finally {
      await sandbox.stop();
    }
  });
});

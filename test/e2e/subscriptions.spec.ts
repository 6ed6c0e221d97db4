import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startStandaloneSandbox } from '../helpers/commands';
import { eventually, startServe, type Served } from '../helpers/serve';

const ADMIN = 'admin-token-for-tests';
const USER = 'user-token-not-admin';

let sandbox: { child: ChildProcess; baseUrl: string };
let served: Served;
test.beforeAll(async () => {
  sandbox = await startStandaloneSandbox({ admin: ADMIN, user: USER });
  served = await startServe();
});
test.afterAll(async () => {
  sandbox?.child.kill();
  await served?.close();
});

const emit = (revenue: number, objective: string) =>
  fetch(`${new URL(sandbox.baseUrl).origin}/sandbox/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      Entity: 'Opportunity',
      Op: 'update',
      Original: { Revenue: 10, Objective: objective },
      New: { Revenue: revenue, Objective: objective },
      Version: '0.1',
    }),
  }).then((r) => expect(r.status).toBe(202));

test('connect, subscribe with a filter, see only matching events, unsubscribe', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(served.uiUrl);
  await page
    .getByRole('tab', { name: 'Subscriptions' })
    .or(page.getByRole('link', { name: 'Subscriptions' }))
    .or(page.getByText('Subscriptions', { exact: true }))
    .first()
    .click();
  // A new user starts on the built-in sandbox.
  await expect(page.getByTestId('connection-label')).toContainText('Sandbox');

  // A valid token of a non-administrator is explained, not just refused.
  await page.getByTestId('connect-base-url').fill(sandbox.baseUrl);
  await page.getByTestId('connect-token').fill(USER);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connection-error')).toContainText(/Administrator/i);

  await page.getByTestId('connect-token').fill(ADMIN);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connection-label')).toContainText('connected');
  await expect(page.getByTestId('connection-label')).not.toContainText('Sandbox');

  // Opportunity × Update with {"Revenue":{"$GT":1000}}, built in the filter builder's raw box.
  await page.getByTestId('filter-entity').fill('Opportunity');
  await page.getByTestId('filter-op').selectOption('update');
  await page.getByTestId('filter-raw').fill('{"Revenue":{"$GT":1000}}');
  await page.getByTestId('filter-subscribe').click();
  await expect(page.getByTestId('sub-Opportunity-update')).toHaveAttribute('aria-pressed', 'true');

  await emit(500, 'below-threshold');
  await emit(5000, 'above-threshold');
  await eventually(async () => (await served.call('listEvents', { text: 'above', limit: 5 })).items.length === 1, 15_000);
  // The sandbox delivered only the matching one (its delivery is settled by now: it was sent first).
  const below = await served.call('listEvents', { text: 'below', limit: 5 });
  expect(below.items).toHaveLength(0);

  // The preview over stored events agrees with what the sandbox delivered.
  const stored = await served.call('listEvents', { entity: 'Opportunity', op: 'update', limit: 50 });
  await expect(page.getByTestId('filter-preview')).toContainText(`Would have matched ${stored.items.length} of ${stored.items.length}`);
  expect(await served.call('previewFilter', { entity: 'Opportunity', op: 'update', filter: ['{"Revenue":{"$GT":1000}}'] })).toMatchObject({
    matched: 1,
    total: 1,
  });

  // One click unsubscribes; nothing more arrives.
  await page.getByTestId('sub-Opportunity-update').click();
  await expect(page.getByTestId('sub-Opportunity-update')).toHaveAttribute('aria-pressed', 'false');
  // The cell turns off at once (optimistic); it is enabled again once the CRM has answered the unsubscribe.
  await expect(page.getByTestId('sub-Opportunity-update')).toBeEnabled();
  await emit(9000, 'after-unsubscribe');
  await page.waitForTimeout(1500);
  expect((await served.call('listEvents', { text: 'after', limit: 5 })).items).toHaveLength(0);
});

import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startStandaloneSandbox } from '../helpers/commands';
import { eventually, startServe, type Served } from '../helpers/serve';

// Browser mode: the UI's "sandbox assumption" notes, the filter builder's type warning and rule notes,
// and the token kind note with its likely expiry in the status bar.
const ADMIN = 'admin-token-for-assumptions';

let sandbox: { child: ChildProcess; baseUrl: string };
let served: Served;
test.beforeAll(async () => {
  sandbox = await startStandaloneSandbox({ admin: ADMIN });
  served = await startServe();
});
test.afterAll(async () => {
  sandbox?.child.kill();
  await served?.close();
});

const post = (body: unknown) =>
  fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) =>
    expect(r.status).toBe(200),
  );

test('filter builder: a text value against a number field is warned about, and the preview names the unstated rules it applied', async ({ page }) => {
  test.setTimeout(60_000);
  await post([{ Id: 'e2e-a', Entity: 'Opportunity', Data: { Op: 'update', Original: { Revenue: 10 }, New: { Revenue: 5000 }, Version: '0.1' } }]);
  await post([{ Id: 'e2e-b', Entity: 'Opportunity', Data: { Op: 'update', Original: { Revenue: 20 }, New: { Key: 'k' }, Version: '0.1' } }]);
  await eventually(async () => (await served.call('listShapes')).items.some((s) => s.entity.toLowerCase() === 'opportunity' && s.events >= 2));

  await page.goto(served.uiUrl);
  await page
    .getByRole('tab', { name: 'Subscriptions' })
    .or(page.getByRole('link', { name: 'Subscriptions' }))
    .or(page.getByText('Subscriptions', { exact: true }))
    .first()
    .click();
  await expect(page.getByTestId('connection-label')).toContainText('Sandbox');
  await page.getByTestId('filter-entity').fill('Opportunity');
  await page.getByTestId('filter-op').selectOption('update');

  // The condition being built: "1000" in quotes is text, and Revenue has only been a number.
  await page.getByTestId('filter-field').fill('Revenue');
  await page.getByTestId('filter-operator').selectOption('$GT');
  await page.getByTestId('filter-value').fill('"1000"');
  await expect(page.getByTestId('filter-type-warning')).toContainText('Revenue has been number');
  await page.getByTestId('filter-value').fill('1000');
  await expect(page.getByTestId('filter-type-warning')).toHaveCount(0);

  // Typed by hand: the same warning, and the preview says which unstated rules decided its results.
  await page.getByTestId('filter-raw').fill('{"Revenue":{"$GT":"1000"}}');
  await expect(page.getByTestId('filter-raw-type-warning')).toContainText('can never match');
  await expect(page.getByTestId('filter-preview')).toContainText('Would have matched 0 of 2');
  await expect(page.getByTestId('filter-rule-string-vs-number')).toContainText('2 events');
  await expect(page.getByTestId('filter-rule-from-original')).toContainText('1 event');
  await expect(page.getByTestId('filter-preview-rules').getByTestId('sandbox-assumption').first()).toContainText('sandbox assumption: CONTRACT.md section 3');

  await page.getByTestId('filter-raw').fill('{"Revenue":{"$GT":1000}}');
  await expect(page.getByTestId('filter-preview')).toContainText('Would have matched 1 of 2');
  await expect(page.getByTestId('filter-raw-type-warning')).toHaveCount(0);
});

test('connect: the target limit refusal carries a sandbox assumption note; a Ferret token is named, and the status bar shows its expiry', async ({ page }) => {
  test.setTimeout(60_000);
  for (let i = 0; i < 10; i++) {
    const created = await fetch(`${sandbox.baseUrl}/v1/targets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: `Integration ${i}`, Endpoint: { Url: `https://hooks.example.com/${i}` } }),
    });
    expect(created.status).toBe(201);
  }
  await page.goto(served.uiUrl);
  await page
    .getByRole('tab', { name: 'Subscriptions' })
    .or(page.getByRole('link', { name: 'Subscriptions' }))
    .or(page.getByText('Subscriptions', { exact: true }))
    .first()
    .click();
  await page.getByTestId('connect-base-url').fill(sandbox.baseUrl);
  await page.getByTestId('connect-token').fill(ADMIN);
  await page.getByTestId('connect-token-kind').selectOption('ferret');
  await page.getByTestId('connect-test').click();
  await expect(page.getByTestId('connection-test-token')).toContainText('about 2 minutes');
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connection-label')).toContainText('connected');
  await expect(page.getByTestId('connection-status-error')).toContainText('Maximizer refused another');
  await expect(page.getByTestId('connection-status-error').getByTestId('sandbox-assumption')).toContainText('Target limit');
  await expect(page.getByTestId('connection-token-note')).toContainText('Ferret token');
  await expect(page.getByTestId('connection-token-note')).toContainText('Personal Access Token');
  await expect(page.getByTestId('token-expiry')).toContainText(/token likely expires at \d\d:\d\d/);
});

import type { ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { startStandaloneSandbox } from '../helpers/commands';
import { eventually, startServe, type Served } from '../helpers/serve';

const ADMIN = 'admin-token-connections-e2e';

let crm: { child: ChildProcess; baseUrl: string };
let served: Served;
test.beforeAll(async () => {
  crm = await startStandaloneSandbox({ admin: ADMIN });
  served = await startServe();
});
test.afterAll(async () => {
  crm?.child.kill();
  await served?.close();
});

/** The CRM's own API, as another integration (or Postman) would use it. */
const crmApi = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${crm.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(res.status).toBeLessThan(300);
  return res.status === 204 ? null : ((await res.json()) as { Data: { Item: Record<string, string> } });
};

const openSubscriptions = async (page: Page) => {
  await page.goto(served.uiUrl);
  await page.getByText('Subscriptions', { exact: true }).first().click();
  await expect(page.getByTestId('connection-label')).toContainText('connected');
};

test('saved connections, recipients, other integrations and the preview list', async ({ page }) => {
  test.setTimeout(90_000);
  await openSubscriptions(page);
  await expect(page.getByTestId('connection-label')).toContainText('Sandbox');

  // Test first: it lists the targets and changes nothing.
  await page.getByTestId('connect-base-url').fill(crm.baseUrl);
  await page.getByTestId('connect-token').fill(ADMIN);
  await page.getByTestId('connect-label').fill('CRM A');
  await page.getByTestId('connect-test').click();
  await expect(page.getByTestId('connection-test-result')).toContainText('The token works: this CRM has 0 of 10 targets');
  await expect(page.getByTestId('connection-label')).toContainText('Sandbox');

  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connection-label')).toHaveText('CRM A · connected');
  await expect(page.getByTestId('connect-token')).toHaveValue('');
  await expect(page.getByTestId('target-count')).toHaveText('1 / 10');

  // Switch to the sandbox and back: both stay saved, one active.
  await page.getByTestId('use-sandbox').click();
  await expect(page.getByTestId('connection-label')).toHaveText('Sandbox · connected');
  await page.getByTestId('select-CRM A').click();
  await expect(page.getByTestId('connection-label')).toHaveText('CRM A · connected');

  // One click subscribes; the recipients editor adds and removes strings at the CRM.
  await page.getByTestId('sub-Lead-create').click();
  await expect(page.getByTestId('sub-Lead-create')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('add-recipient-Lead-create').fill('ops@example.com');
  await page.getByTestId('add-recipient-Lead-create').press('Enter');
  await expect(page.getByTestId('recipients-Lead-create')).toContainText('ops@example.com');
  const own = (await served.call('listSubscriptions')).items.find((s) => s.own)!;
  expect(own.recipients).toEqual(['ops@example.com']);
  await page.getByRole('button', { name: 'Remove recipient ops@example.com' }).click();
  await expect(page.getByTestId('recipients-Lead-create')).not.toContainText('ops@example.com');

  // Another integration's subscription: shown, read-only until the user opts in.
  const erp = (await crmApi('POST', '/v1/targets', { Name: 'ERP sync', Endpoint: { Url: 'http://127.0.0.1:9/erp' } }))!.Data.Item;
  await crmApi('POST', '/v1/subscriptions', { Entity: 'Opportunity', Op: 'delete', TargetId: erp.TargetId });
  await page.reload();
  await page.getByText('Subscriptions', { exact: true }).first().click();
  const theirs = page.getByTestId('subscription-Opportunity-delete');
  await expect(theirs).toContainText('ERP sync (read-only)');
  await expect(page.getByTestId('unsubscribe-Opportunity-delete')).toHaveCount(0);
  await page.getByTestId('allow-others').check();
  await expect(page.getByTestId('unsubscribe-Opportunity-delete')).toBeVisible();

  // The preview lists the stored events a filter would have let through.
  for (const first of ['Anna', 'Bob', 'Annette'])
    await fetch(`${new URL(crm.baseUrl).origin}/sandbox/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Entity: 'Lead', Op: 'create', New: { FirstName: first, LastName: `Preview${first}` } }),
    });
  await eventually(async () => (await served.call('listEvents', { entity: 'Lead', op: 'create', limit: 10 })).items.length === 3, 15_000);
  await page.getByTestId('filter-entity').fill('Lead');
  await page.getByTestId('filter-op').selectOption('create');
  await page.getByTestId('filter-raw').fill('{"FirstName":{"$LIKE":"Ann%"}}');
  await expect(page.getByTestId('filter-preview')).toHaveText('Would have matched 2 of 3 stored Lead × create events');
  await expect(page.getByTestId('filter-preview-list')).toContainText('PreviewAnnette');
  await expect(page.getByTestId('filter-preview-list')).not.toContainText('PreviewBob');

  // The builder refuses what Maximizer would refuse, before sending.
  await page.getByTestId('filter-raw').fill('{"FirstName":{"$STARTS":"Ann"}}');
  await expect(page.getByTestId('filter-problems')).toContainText('$STARTS');
  await expect(page.getByTestId('filter-subscribe')).toBeDisabled();
  // Built from the menus: every operator produces a string the parser accepts.
  await page.getByTestId('filter-raw').fill('');
  await page.getByTestId('filter-field').fill('Udf/$TYPEID(57993)');
  await page.getByTestId('filter-operator').selectOption('$IN');
  await page.getByTestId('filter-value').fill('1, "2", true');
  await page.getByTestId('filter-add').click();
  await expect(page.getByTestId('filter-raw')).toHaveValue('{"Udf/$TYPEID(57993)":{"$IN":[1,"2",true]}}');
  await expect(page.getByTestId('filter-subscribe')).toBeEnabled();
});

import { expect, test } from '@playwright/test';
import { startServe, type Served } from '../helpers/serve';

let served: Served;
test.beforeAll(async () => {
  served = await startServe();
});
test.afterAll(async () => served?.close());

test('a posted webhook appears in the list without a reload', async ({ page }) => {
  await page.goto(served.uiUrl);
  await expect(page.getByTestId('receiver-url').first()).toContainText('/hooks?secret=');
  // The token is moved out of the address bar once read.
  await expect(page).not.toHaveURL(/token=/);
  const res = await fetch(served.receiverUrl, {
    method: 'POST',
    body: JSON.stringify([{ Id: 'live-1', Entity: 'Opportunity', Data: { Op: 'update', Original: { Key: 'T3Bwb3J0dW5pdHkJMQkw', Revenue: 1000 }, New: { Revenue: 2500 }, Version: '0.1' } }]),
  });
  expect(res.status).toBe(200);
  const row = page.getByTestId('event-row').filter({ hasText: 'Revenue' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('1000 → 2500');
  await row.click();
  await expect(page.getByTestId('event-detail')).toContainText('2500');
});

import { expect, openApp, postWebhook, maximizerEvent, serverPerFile, test } from './fixtures';

const server = serverPerFile();

test('Rotate secret in the status bar: a new secret, the old one still accepted for the grace period', async ({ page }) => {
  const s = server();
  const before = (await s.call('status')).receiver;
  await openApp(page, s);
  await page.getByTestId('rotate-secret').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByText('New receiver secret.')).toBeVisible();
  const after = (await s.call('status')).receiver;
  expect(after.secret).not.toBe(before.secret);
  expect(after.previousSecretUntil).toBeGreaterThan(Date.now());
  // The URL the status bar copies now carries the new secret; a URL with the old one still works for now.
  await expect(page.getByTestId('statusbar').locator('[title*="Webhook target on this machine"]')).toHaveAttribute('title', new RegExp(after.secret.replace(/[-]/g, '\\-')));
  expect(await postWebhook(after.localUrl, maximizerEvent({ new: { Key: 'a', City: 'New' } }))).toBe(200);
  expect(await postWebhook(before.localUrl, maximizerEvent({ new: { Key: 'b', City: 'Old' } }))).toBe(200);
  // Without an unexpected restart, no restart indicator.
  await expect(page.getByTestId('receiver-restarts')).toHaveCount(0);
});

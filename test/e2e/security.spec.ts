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
  await expect(page.getByTestId('statusbar').locator('[title*="Webhook target on this machine"]')).toHaveAttribute(
    'title',
    new RegExp(after.secret.replace(/[-]/g, '\\-')),
  );
  expect(await postWebhook(after.localUrl, maximizerEvent({ new: { Key: 'a', City: 'New' } }))).toBe(200);
  expect(await postWebhook(before.localUrl, maximizerEvent({ new: { Key: 'b', City: 'Old' } }))).toBe(200);
  // Without an unexpected restart, no restart indicator.
  await expect(page.getByTestId('receiver-restarts')).toHaveCount(0);
});

test('the secret is hidden on screen: the receiver URL and the Request tab mask it until Reveal', async ({ page }) => {
  const s = server();
  const { secret, localUrl } = (await s.call('status')).receiver;
  await openApp(page, s);
  await expect(page.getByTestId('receiver-url')).toContainText('secret=REDACTED');
  // Sent with the secret in the URL and in the header, as a hand-made target or Maximizer would.
  const url = new URL(localUrl);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'x-inspector-secret': secret, 'content-type': 'application/json' },
    body: JSON.stringify(maximizerEvent({ new: { Key: 'masked', City: 'Hidden' } })),
  });
  expect(res.status).toBe(200);
  await page.getByTestId('event-row').filter({ hasText: 'Hidden' }).click();
  await page.getByTestId('tab-request').click();
  await expect(page.getByTestId('request-headers')).toContainText('REDACTED');
  await expect(page.locator('body')).not.toContainText(secret);
  await page.getByTestId('reveal-secret').click();
  await expect(page.getByTestId('request-headers')).toContainText(secret);
  await page.getByTestId('reveal-secret').click();
  await expect(page.locator('body')).not.toContainText(secret);
});

import { openStore } from '../../electron/engine/store';
import { expect, maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

const server = serverPerFile();

test('the status bar says how far indexing is behind, and clears once the list caught up', async ({ page }) => {
  const s = server();
  // Acknowledged but not indexed yet, the oldest 10 s ago: written into the running server's
  // database from outside, where its indexer does not see them until the next webhook arrives.
  const store = openStore(`${s.dataDir}/inspector.db`);
  const receivedAt = Date.now() - 10_000;
  store.requests.insert(
    Array.from({ length: 5 }, (_, i) => ({
      receivedAt: receivedAt + i,
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: [['content-type', 'application/json']] as [string, string][],
      body: Buffer.from(JSON.stringify(maximizerEvent({ id: `lag-${i}` }))),
      bodyEncoded: null,
      contentEncoding: null,
      remote: '127.0.0.1',
    })),
    receivedAt,
  );
  store.close();
  expect((await s.call('status')).counts).toMatchObject({ pending: 5, oldestPendingAt: receivedAt });

  await openApp(page, s);
  await expect(page.getByTestId('index-lag')).toHaveText('indexing 5 behind');

  // The next webhook wakes the indexer: everything is listed and the indicator goes away.
  expect(await postWebhook(s.receiverUrl, maximizerEvent({ id: 'lag-next' }))).toBe(200);
  await expect(page.getByTestId('event-row')).toHaveCount(6);
  await expect(page.getByTestId('index-lag')).toHaveCount(0);
  expect((await s.call('status')).counts).toMatchObject({ pending: 0, oldestPendingAt: null, indexLagMs: 0 });
});

test('a webhook the indexer cannot parse is listed with the reason, like a parse error', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  const deep = `{"Id":"deep","Entity":"Lead","Data":{"Op":"Update","New":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
  expect(await postWebhook(s.receiverUrl, deep)).toBe(200);
  expect(await postWebhook(s.receiverUrl, maximizerEvent({ id: 'after-deep', entity: 'Lead' }))).toBe(200);
  const rows = page.getByTestId('event-row');
  await expect(rows.first()).toContainText('Lead');
  await expect(rows.nth(1).getByTestId('row-problem')).toContainText('nests deeper than 64 levels');
  await rows.nth(1).click();
  await page.getByRole('tab', { name: /request/i }).click();
  await expect(page.getByText('[[[[[[[[', { exact: false }).first()).toBeVisible();
});

import { expect, maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

const server = serverPerFile();
const TOTAL = 5_000;

test('5,000 events keep the DOM small; older pages load while scrolling', async ({ page }) => {
  test.setTimeout(120_000);
  const s = server();
  // A few large array bodies, as Maximizer batches: 5 requests of 1,000 events.
  for (let batch = 0; batch < 5; batch++) {
    const events = Array.from({ length: 1000 }, (_, i) => {
      const n = batch * 1000 + i;
      return maximizerEvent({
        entity: 'lead',
        op: 'update',
        original: { Key: `k${n}`, Seq: n - 1 },
        new: { Key: `k${n}`, Seq: n },
        id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
      });
    });
    expect(await postWebhook(s.receiverUrl, events)).toBe(200);
  }
  await expect.poll(async () => (await s.call('status')).counts.events, { timeout: 30_000 }).toBe(TOTAL);

  await openApp(page, s);
  await expect(page.getByTestId('event-row').first()).toContainText(`Seq: ${TOTAL - 2} → ${TOTAL - 1}`);
  const rows = page.locator('[data-testid="event-row"]');
  expect(await rows.count()).toBeLessThan(100);

  // Scroll to the end until the oldest event is reached: pages come in by cursor.
  const scroller = page.locator('.list-scroll');
  await expect
    .poll(
      async () => {
        await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
        return page.locator('[data-testid="event-row"]').last().textContent();
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toContain('Seq: -1 → 0');
  await expect(page.getByTestId('shown-count')).toContainText('5,000');
  expect(await rows.count()).toBeLessThan(100);
  expect(await page.locator('body *').count()).toBeLessThan(2_000);

  // A search matching more than a page: the count is exact, not "200+". `k1` prefix-matches the
  // keys k1, k10–k19, k100–k199 and k1000–k1999: 1,111 events.
  await page.getByTestId('search').fill('k1');
  await expect(page.getByTestId('shown-count')).toHaveText('1,111 matching', { timeout: 15_000 });
  await page.getByTestId('search').fill('k10');
  await expect(page.getByTestId('shown-count')).toHaveText('111 matching');
});

import { expect, openApp, serverPerFile, test } from './fixtures';

/**
 * The first frame shows the list's rows; the filter bar, the list toolbar and the status bar's
 * items come in the frames after it (renderer/src/shell/after-first-paint.tsx). Their placeholders
 * hold their places: nothing a person is reading moves when they arrive.
 */
const served = serverPerFile();

test('the rows paint first and stay where they are while the bars around them arrive', async ({ page }) => {
  const s = served();
  for (let i = 0; i < 3; i++) await s.call('sendTestEvent', { entity: 'Lead', op: 'update' });
  await page.addInitScript(`
    window.__first = null;
    new MutationObserver((_, obs) => {
      const row = document.querySelector('[data-testid="event-row"]');
      if (!row) return;
      obs.disconnect();
      const bar = document.querySelector('[data-testid="statusbar"]');
      window.__first = {
        rowTop: row.getBoundingClientRect().top,
        search: !!document.querySelector('[data-testid="search"]'),
        barTop: bar ? bar.getBoundingClientRect().top : null,
      };
    }).observe(document, { childList: true, subtree: true });
  `);
  await openApp(page, s);
  await expect(page.getByTestId('search')).toBeVisible();
  const first = (await page.evaluate('window.__first')) as { rowTop: number; search: boolean; barTop: number | null };
  // The rows came before the filter bar's code had run…
  expect(first.search).toBe(false);
  // …and neither they nor the status bar moved when it and the rest arrived.
  expect(
    await page
      .getByTestId('event-row')
      .first()
      .evaluate((el) => el.getBoundingClientRect().top),
  ).toBe(first.rowTop);
  expect(await page.getByTestId('statusbar').evaluate((el) => el.getBoundingClientRect().top)).toBe(first.barTop);
  // What came after works: the search filters the list.
  await page.getByTestId('search').fill('no such text anywhere');
  await expect(page.getByTestId('event-row')).toHaveCount(0);
});

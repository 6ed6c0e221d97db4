import { expect, openApp, serverPerFile, test } from './fixtures';

/**
 * The first window load carries the Events view only; every other section is its own chunk,
 * fetched the first time it opens (renderer/src/shell/lazy-view.tsx). Each must still render.
 */
const served = serverPerFile();

test('the first load fetches only the Events code; each section loads its chunk when opened and renders', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await openApp(page, served());
  await expect(page.getByTestId('nav-events')).toHaveAttribute('aria-selected', 'true');
  const firstLoad = [...scripts];
  for (const section of ['ShapesView', 'LatencyView', 'SubscriptionsView', 'ForwardingView', 'SettingsView', 'DetailPane', 'zod'])
    expect(
      firstLoad.filter((s) => s.includes(`/${section}-`)),
      `${section} in the first load`,
    ).toEqual([]);

  const sections: [string, string, string][] = [
    ['shapes', 'shapes-view', 'ShapesView'],
    ['latency', 'latency-view', 'LatencyView'],
    ['subscriptions', 'connection-card', 'SubscriptionsView'],
    ['forwarding', 'forwarding-view', 'ForwardingView'],
    ['settings', 'settings-tunnel', 'SettingsView'],
  ];
  for (const [id, testId, chunk] of sections) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId(testId).first()).toBeVisible();
    expect(
      scripts.some((s) => s.includes(`/${chunk}-`)),
      `${chunk} fetched when ${id} opened`,
    ).toBe(true);
  }
  // Settings' panels are chunks of their own too.
  await expect(page.getByTestId('theme-select')).toBeVisible();
  await expect(page.getByTestId('settings-connections').getByTestId('connection-card')).toBeVisible();

  // Back to Events: the view comes back at once (its code never left).
  await page.getByTestId('nav-events').click();
  await expect(page.getByTestId('event-detail')).toBeVisible();
});

test('opening an event loads the detail pane on first use', async ({ page }) => {
  const s = served();
  await s.call('sendTestEvent', { entity: 'Lead', op: 'update' });
  await openApp(page, s);
  const row = page.getByTestId('event-row').first();
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', /\d+/);
  await expect(page.getByRole('tab', { name: 'Changes' })).toBeVisible();
});

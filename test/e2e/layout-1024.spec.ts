import type { Locator, Page } from '@playwright/test';
import { SAMPLE_KINDS } from '../../shared/samples';
import { startHandler, type Handler } from '../integration/forwarding/handler';
import { expect, maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

/**
 * A laptop's 1024 px (and a desktop's 1440 px), light and dark: every screen fits the window,
 * the list stays readable with an event open, tables are not crushed, and long text (drift
 * lines, the new-major banner, recipients) wraps instead of pushing buttons off-screen.
 * `SHOTS_DIR=/some/dir` also saves a screenshot of each state to look at.
 */
const server = serverPerFile();
let handler: Handler;
let attemptCount = 0;
test.beforeAll(async () => {
  // Fails the first attempt, so a delivery shows two attempt chips.
  handler = await startHandler((_hit, i) => ({ status: i % 2 ? 200 : 503 }));
  const s = server();
  for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
  const lead = (name: string, extra: Record<string, unknown> = {}) =>
    maximizerEvent({ entity: 'Lead', op: 'create', version: '0.8', new: { Key: 'TGVhZAkx', LastName: name, ...extra } });
  await postWebhook(s.receiverUrl, lead('first'));
  await postWebhook(s.receiverUrl, lead('second'));
  await postWebhook(s.receiverUrl, lead('drifted', { AnExtraordinarilyLongCustomFieldNameThatNobodyWouldEverShortenBecauseItIsGenerated: 'x' }));
  await postWebhook(
    s.receiverUrl,
    maximizerEvent({ entity: 'Lead', op: 'update', version: '2.0', original: { Key: 'TGVhZAkx' }, new: { Key: 'TGVhZAkx', LastName: 'major' } }),
  );
  await s.call('setForwardingSettings', { retryDelayMs: 200 });
  await s.call('addForwardRule', { url: `${handler.url}/webhooks/maximizer/a-rather-long-path/that-keeps-going` });
  await postWebhook(s.receiverUrl, lead('forwarded'));
  await expect.poll(async () => (await s.call('listForwardAttempts', { limit: 50 })).items[0]?.finishedAt ?? null, { timeout: 20_000 }).not.toBeNull();
  const attempts = (await s.call('listForwardAttempts', { limit: 50 })).items[0]!.attempts.length;
  expect(attempts).toBeGreaterThanOrEqual(1);
  attemptCount = attempts;
  const own = (await s.call('listSubscriptions')).items.find((x) => x.own);
  if (!own) throw new Error('the sandbox should have subscribed this app');
  for (let i = 0; i < 4; i++)
    await s.call('addRecipient', {
      subscriptionId: own.subscriptionId,
      recipient: `integration.owner.number-${i}.with-a-long-mailbox-name@subsidiary.example-company.com`,
    });
});
test.afterAll(async () => {
  await handler?.close();
});

async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
}

async function noSidewaysScroll(page: Page, where: string) {
  const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
  expect(scrollWidth, `${where}: page wider than the window`).toBeLessThanOrEqual(innerWidth);
}

async function inViewport(page: Page, locator: Locator, where: string) {
  const width = page.viewportSize()!.width;
  for (const right of await locator.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)))
    expect(right, `${where}: ends at ${right} px, the window at ${width}`).toBeLessThanOrEqual(width);
}

const width = async (locator: Locator) => (await locator.boundingBox())!.width;

for (const scheme of ['light', 'dark'] as const) {
  test(`1024 px, ${scheme}: every screen fits and stays readable`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, server());
    const rows = page.getByTestId('event-row');

    await rows.filter({ hasText: 'forwarded' }).first().click();
    await expect(page.getByTestId('changes-view')).toBeVisible();
    await shot(page, `${scheme}-1024-events`);
    await noSidewaysScroll(page, 'events');
    // The list beside an open event: the summary keeps a readable width, Size is shown whole, the count is one line.
    const first = rows.first();
    expect(await width(first.locator('.c-summary'))).toBeGreaterThanOrEqual(140);
    for (const size of await rows.locator('.c-size').all()) {
      await expect(size).toBeVisible();
      expect(await size.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    }
    for (const version of await rows.locator('.c-version').all()) expect(await version.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    expect((await page.getByTestId('shown-count').boundingBox())!.height).toBeLessThan(24);
    await inViewport(page, page.locator('.detail-actions .btn'), 'detail actions');

    await page.getByTestId('tab-attempts').click();
    const forwards = page.getByTestId('event-forwards');
    await expect(forwards.getByTestId('attempt-chip')).toHaveCount(attemptCount);
    await shot(page, `${scheme}-1024-attempts`);
    await noSidewaysScroll(page, 'attempts');
    // Not crushed: each column keeps its header readable and a delivery stays one short row.
    for (const th of await forwards.locator('th').all()) expect(await th.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    expect(await width(forwards.locator('th', { hasText: 'Maximizer verdict' }))).toBeGreaterThanOrEqual(150);
    expect((await forwards.locator('tr.fw-delivery').first().boundingBox())!.height).toBeLessThan(140);

    await rows.filter({ hasText: 'drifted' }).first().click();
    await page.getByTestId('tab-changes').click();
    await expect(page.getByTestId('drift-lines')).toBeVisible();
    await shot(page, `${scheme}-1024-drift`);
    await inViewport(page, page.getByTestId('drift-open-shape'), 'drift "Open shape"');
    await noSidewaysScroll(page, 'drift');

    await rows.filter({ hasText: 'major' }).first().click();
    await expect(page.getByTestId('version-warning')).toBeVisible();
    await shot(page, `${scheme}-1024-major`);
    await inViewport(page, page.getByTestId('version-warning'), 'new-major banner');
    await inViewport(page, page.locator('.detail-actions .btn'), 'detail actions under the banner');

    for (const section of ['shapes', 'latency', 'subscriptions', 'forwarding', 'settings'] as const) {
      await page.getByTestId(`nav-${section}`).click();
      await page.waitForTimeout(400);
      await shot(page, `${scheme}-1024-${section}`);
      await noSidewaysScroll(page, section);
    }
    await page.getByTestId('nav-subscriptions').click();
    const list = page.getByTestId('subscription-list');
    await expect(list).toContainText('number-3.with-a-long-mailbox-name');
    await list.scrollIntoViewIfNeeded();
    await shot(page, `${scheme}-1024-recipients`);
    await inViewport(page, list.getByRole('button', { name: 'Unsubscribe' }), 'Unsubscribe');
    await inViewport(page, list.locator('[data-testid^="add-recipient-"]'), 'add recipient');
  });
}

test('1440 px: the Attempts tab shows the forwards table whole', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, server());
  await page.getByTestId('event-row').filter({ hasText: 'forwarded' }).first().click();
  await page.getByTestId('tab-attempts').click();
  const forwards = page.getByTestId('event-forwards');
  await expect(forwards.getByTestId('attempt-chip')).toHaveCount(attemptCount);
  await shot(page, 'light-1440-attempts');
  // Wide enough here to need no sideways scrolling at all.
  expect(await forwards.locator('.fw-table-scroll').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  expect((await forwards.locator('tr.fw-delivery').first().boundingBox())!.height).toBeLessThan(140);
});

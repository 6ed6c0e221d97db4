import type { Page } from '@playwright/test';
import { SAMPLE_KINDS } from '../../shared/samples';
import { startHandler, type Handler } from '../integration/forwarding/handler';
import { expect, maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

const server = serverPerFile();
let handler: Handler;
test.beforeAll(async () => { handler = await startHandler((_h, i) => ({ status: i % 2 ? 200 : 503 })); });
test.afterAll(async () => { await handler?.close(); });

const SHOTS = process.env.SHOTS_DIR;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test('explore', async ({ page }) => {
  test.setTimeout(180_000);
  const s = server();
  for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
  const recipients = Array.from({ length: 6 }, (_, i) => `a.very.long.recipient.address.number-${i}@subsidiary.example-company.com`);
  const lead = (id: string, extra: Record<string, unknown> = {}) => ({ ...maximizerEvent({ entity: 'Lead', op: 'create', version: '0.8', new: { Key: 'TGVhZAkx', LastName: id, ...extra } }), Recipients: recipients });
  await postWebhook(s.receiverUrl, lead('first'));
  await postWebhook(s.receiverUrl, lead('second'));
  await postWebhook(s.receiverUrl, lead('third', { Mobile: '604-555-0101', AVeryLongFieldNameThatGoesOnAndOnForeverAndEver: 'x'.repeat(200) }));
  await postWebhook(s.receiverUrl, { ...maximizerEvent({ entity: 'Lead', op: 'update', version: '2.0', original: { Key: 'TGVhZAkx' }, new: { Key: 'TGVhZAkx', LastName: 'major' } }), Recipients: recipients });
  await s.call('addForwardRule', { url: handler.url + '/a/very/long/path/for/forwarding/that/keeps/going' } as never);
  await postWebhook(s.receiverUrl, lead('forwarded'));
  for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1024, 1440]) {
    await page.setViewportSize({ width, height: 768 });
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, s);
    const rows = page.getByTestId('event-row');
    await rows.filter({ hasText: 'forwarded' }).first().click();
    await shot(page, `${scheme}-${width}-events-open`);
    await page.getByTestId('tab-attempts').click();
    await page.waitForTimeout(500);
    await shot(page, `${scheme}-${width}-attempts`);
    await rows.filter({ hasText: 'third' }).first().click();
    await page.getByTestId('tab-changes').click();
    await shot(page, `${scheme}-${width}-drift`);
    await rows.filter({ hasText: 'major' }).first().click();
    await shot(page, `${scheme}-${width}-major`);
    for (const section of ['shapes', 'latency', 'subscriptions', 'forwarding', 'settings']) {
      await page.getByTestId(`nav-${section}`).click();
      await page.waitForTimeout(600);
      await shot(page, `${scheme}-${width}-${section}`);
      console.log(scheme, width, section, await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth, [...document.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden' && getComputedStyle(e).overflowX !== 'visible').map(e => e.className + ':' + e.scrollWidth + '>' + e.clientWidth).slice(0, 5)]));
    }
  }
  }
});

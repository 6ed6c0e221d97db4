import { SAMPLE_KINDS } from '../../shared/samples';
import { expect, openApp, serverPerFile, test } from './fixtures';
const server = serverPerFile();
test('look', async ({ page }) => {
  const s = server();
  for (const w of [1024]) {
  await page.setViewportSize({ width: w, height: 768 });
  await openApp(page, s);
  for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await page.getByTestId('event-row').nth(2).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/ux/a-${w}.png` });
  await page.getByTestId('tab-timeline').click().catch(()=>{});
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/ux/b-${w}.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(page.url().replace(/\?.*/, '') + '#/settings');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/ux/c-${w}.png`, fullPage: true });
  }
});

import { SAMPLE_KINDS } from '../../shared/samples';
import { expect, openApp, serverPerFile, test } from './fixtures';
const server = serverPerFile();
test('look', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
  await s.call('sendTestEvent', { to: 'receiver', entity: 'Lead', op: 'update' } as never).catch(() => {});
  for (const w of [1024, 1400]) {
    await page.setViewportSize({ width: w, height: w === 1024 ? 768 : 900 });
    await page.emulateMedia({ colorScheme: w === 1024 ? 'light' : 'dark' });
    await expect(page.getByTestId('event-row').first()).toBeVisible();
    await page.getByTestId('event-row').nth(1).click();
    await page.getByTestId('event-row').nth(5).click({ modifiers: ['Control'] });
    await page.getByTestId('event-row').nth(6).click({ modifiers: ['Control'] });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `/tmp/ux/a-${w}.png` });
    await page.getByTestId('tab-timeline').click({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/ux/b-${w}.png` });
    await page.getByTestId('tab-request').click().catch(() => {});
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/ux/r-${w}.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-settings').click();
    await page.waitForTimeout(500);
    await page.getByTestId('settings-connections').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/ux/c-${w}.png` });
    await page.getByTestId('settings-tunnel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/ux/t-${w}.png` });
    await page.getByTestId('nav-forwarding').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/ux/f-${w}.png`, fullPage: true });
    await page.getByTestId('nav-events').click();
  }
});

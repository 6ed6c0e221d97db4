import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_KINDS } from '../../shared/samples';
import { expect, openApp, serverPerFile, test } from './fixtures';

const server = serverPerFile();

/**
 * The README's pictures are rewritten only on purpose (`UPDATE_SCREENSHOTS=1 npx playwright test
 * test/e2e/screenshots.test.ts`); an ordinary test run takes them into a temporary folder.
 */
const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : mkdtempSync(join(tmpdir(), 'mwi-screenshots-'));
const shot = (name: string) => join(dir, name);

/**
 * Screenshots for the README (docs/screenshots/): the list with a lead update open in
 * Changes, in light and dark. Built from the app's own samples, sent through its receiver.
 */
test('list and Changes view, light and dark', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: shot('empty-light.png') });

  for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
  await s.call('sendSampleEvent', { kind: 'lead.update' });
  await expect(page.getByTestId('event-row')).toHaveCount(SAMPLE_KINDS.length + 2);

  await page.getByTestId('event-row').filter({ hasText: 'CompanyName' }).first().click();
  await expect(page.getByTestId('changes-view')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: shot(`changes-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('tab-event').click();
  await expect(page.getByTestId('event-json')).toContainText('"CompanyName"');
  await page.screenshot({ path: shot('event-light.png') });
  await page.getByTestId('tab-request').click();
  await expect(page.getByTestId('request-headers')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('request-dark.png') });
  await page.getByTestId('tab-timeline').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.getByTestId('timeline-pick-0').check();
  await page.getByTestId('timeline-pick-1').check();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: shot('timeline-light.png') });
});

/**
 * The everyday screen at a laptop's 1024 px and a desktop's 1400 px, light and dark:
 * a stage change open in Changes, two rows selected for the bulk actions.
 */
test('events screen at 1024 and 1400 px, light and dark', async ({ page }) => {
  const s = server();
  await s.call('clearEvents');
  for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
  await s.call('sendTestEvent', { entity: 'Lead', op: 'update' });
  for (const width of [1024, 1400] as const) {
    await page.setViewportSize({ width, height: width === 1024 ? 768 : 900 });
    await openApp(page, s);
    const rows = page.getByTestId('event-row');
    await expect(rows.getByTestId('origin-badge')).toHaveText(['test']);
    await rows.filter({ hasText: 'SalesStageSetupName' }).first().click();
    await expect(page.getByTestId('changes-view')).toBeVisible();
    await rows.nth(4).click({ modifiers: ['Control'] });
    await rows.nth(5).click({ modifiers: ['Control'] });
    await expect(page.getByTestId('selection-bar')).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: shot(`events-${width}-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

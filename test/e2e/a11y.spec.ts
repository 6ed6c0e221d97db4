import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SAMPLE_KINDS } from '../../shared/samples';
import { expect, openApp, serverPerFile, test } from './fixtures';

/**
 * Accessibility is checked, not hoped for: axe over every page of the app (each
 * section, each detail tab, the dialogs) in light and dark; no serious or critical
 * violation may remain.
 */
const server = serverPerFile();

async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  if (process.env.AXE_DUMP)
    for (const v of result.violations.filter((v) => v.id === 'color-contrast'))
      for (const n of v.nodes) console.log('CONTRAST', where, n.target.join(' '), n.any[0]?.message);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations on any page (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    const s = server();
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, s);
    const found: string[] = [];
    if ((await s.call('status')).counts.events === 0) {
      for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
      await s.call('sendTestEvent', { entity: 'Lead', op: 'update' });
    }
    const rows = page.getByTestId('event-row');
    await expect(rows).toHaveCount(SAMPLE_KINDS.length + 2);
    found.push(...(await violations(page, 'events list')));

    await rows.filter({ hasText: 'Revenue' }).first().click();
    for (const tab of ['changes', 'event', 'request', 'attempts', 'timeline'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.locator(`.detail-body[data-tab="${tab}"]`)).toBeVisible();
      await page.waitForTimeout(150);
      found.push(...(await violations(page, `detail ${tab}`)));
    }
    await rows.nth(1).click({ modifiers: ['Control'] });
    await rows.nth(2).click({ modifiers: ['Control'] });
    await expect(page.getByTestId('selection-bar')).toBeVisible();
    found.push(...(await violations(page, 'selection')));
    await page.getByTestId('bulk-compare').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    found.push(...(await violations(page, 'compare dialog')));
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-delete').click();
    await expect(page.getByTestId('confirm-dialog')).toBeVisible();
    found.push(...(await violations(page, 'confirm dialog')));
    await page.keyboard.press('Escape');
    await page.getByTestId('selection-clear').click();
    await page.locator('body').press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
    found.push(...(await violations(page, 'shortcuts dialog')));
    await page.keyboard.press('Escape');
    await page.getByTestId('view-rejected').click();
    found.push(...(await violations(page, 'rejected')));

    for (const section of ['subscriptions', 'forwarding', 'settings'] as const) {
      await page.getByTestId(`nav-${section}`).click();
      await page.waitForTimeout(400);
      found.push(...(await violations(page, section)));
    }
    expect(found).toEqual([]);
  });
}

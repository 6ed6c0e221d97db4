import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SAMPLE_KINDS } from '../../shared/samples';
import { expect, maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

/**
 * Accessibility is checked, not hoped for: axe over every page of the app (each
 * section, each detail tab, the dialogs) in light and dark, with a 1,000-event list
 * scrolled to its end; no serious or critical violation may remain.
 */
const server = serverPerFile();
const LONG_LIST = 1_000;

/** ~1,000 webhooks through the receiver, as Maximizer would send them (once per file). */
async function seed(receiverUrl: string): Promise<void> {
  for (let i = 0; i < LONG_LIST; i += 50)
    await Promise.all(
      Array.from({ length: 50 }, (_, j) =>
        postWebhook(
          receiverUrl,
          maximizerEvent({ entity: 'Lead', op: 'update', original: { Key: 'TGVhZAkx' }, new: { Key: 'TGVhZAkx', LastName: `Bulk ${i + j}` } }),
        ),
      ),
    );
}

async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  if (process.env.AXE_DUMP)
    for (const v of result.violations.filter((v) => v.id === 'color-contrast'))
      for (const n of v.nodes) console.log('CONTRAST', where, n.target.join(' '), n.any[0]?.message);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations on any page (${scheme})`, async ({ page }) => {
    test.setTimeout(300_000);
    const s = server();
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, s);
    const found: string[] = [];
    if ((await s.call('status')).counts.events === 0) {
      await seed(s.receiverUrl);
      await s.call('addForwardRule', { url: 'http://127.0.0.1:9/nowhere' });
      for (const kind of SAMPLE_KINDS) await s.call('sendSampleEvent', { kind });
      await s.call('sendTestEvent', { entity: 'Lead', op: 'update' });
    }
    await expect(page.getByTestId('shown-count')).toContainText(String(LONG_LIST + SAMPLE_KINDS.length + 2).replace(/(\d)(\d{3})$/, '$1,$2'));
    const rows = page.getByTestId('event-row');
    found.push(...(await violations(page, 'events list')));

    // The list is reachable by Tab (a scrollable region a keyboard user can focus) and scrolls to its oldest event.
    const list = page.locator('.list-scroll');
    await expect(list).toHaveAttribute('tabindex', '0');
    await list.focus();
    await expect(list).toBeFocused();
    for (let i = 0; i < 40; i++) {
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(100);
      if (await rows.filter({ hasText: 'Bulk 0' }).count()) break;
    }
    await expect(rows.filter({ hasText: 'Bulk 0' }).first()).toBeVisible();
    found.push(...(await violations(page, 'events list scrolled to the end')));
    await list.evaluate((el) => (el.scrollTop = 0));

    await rows.filter({ hasText: 'Revenue' }).first().click();
    for (const tab of ['changes', 'event', 'request', 'attempts', 'timeline'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.locator(`.detail-body[data-tab="${tab}"]`)).toBeVisible();
      await page.waitForTimeout(150);
      found.push(...(await violations(page, `detail ${tab}`)));
    }
    await page.getByTestId('edit-replay-button').click();
    await expect(page.getByTestId('replay-editor').locator('.cm-content')).toBeVisible();
    found.push(...(await violations(page, 'edit & replay dialog')));
    await page.getByTestId('replay-close').click();
    await expect(page.getByTestId('replay-dialog')).toHaveCount(0);
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

    await page.getByTestId('nav-shapes').click();
    await page.getByTestId('shape-item').first().click();
    await expect(page.getByTestId('shape-field').first()).toBeVisible();
    found.push(...(await violations(page, 'shapes')));
    await page.getByTestId('nav-latency').click();
    await expect(page.getByTestId('latency-view')).toBeVisible();
    await page.waitForTimeout(400);
    found.push(...(await violations(page, 'latency')));

    for (const section of ['subscriptions', 'forwarding', 'settings'] as const) {
      await page.getByTestId(`nav-${section}`).click();
      await page.waitForTimeout(400);
      found.push(...(await violations(page, section)));
    }
    expect(found).toEqual([]);
  });
}

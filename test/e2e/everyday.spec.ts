import { expect, type Page } from '@playwright/test';
import { startHandler, type Handler } from '../integration/forwarding/handler';
import { eventually } from '../helpers/serve';
import { maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

/**
 * Issue 15, as a user meets it: decoded keys, origin tags, disabled controls, the
 * 1024 px layout, dialogs and Esc, import progress, search, polish, and the everyday
 * actions (delete, select several, replay/export/compare them, custom responses,
 * wrap/pretty). Each test sends its own webhooks; the server is shared by the file.
 */
const server = serverPerFile();
let handler: Handler;
test.beforeAll(async () => {
  handler = await startHandler(() => ({ status: 200, body: 'ok' }));
});
test.afterAll(async () => {
  await handler?.close();
});
test.beforeEach(async () => {
  await server().call('clearEvents');
});

const key = (type: string, id: string, n?: number) => Buffer.from([type, id, ...(n === undefined ? [] : [String(n)])].join('\t')).toString('base64');
const rows = (page: Page) => page.getByTestId('event-row');
const rowWith = (page: Page, text: string) => rows(page).filter({ hasText: text });
async function send(page: Page, body: unknown, count: number): Promise<void> {
  expect(await postWebhook(server().receiverUrl, body)).toBe(200);
  await expect(rows(page)).toHaveCount(count);
}

test('2: long keys are shown decoded in Changes and the Timeline, never as a base64 character diff', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  const record = key('Opportunity', '250314251200345670001O', 0);
  const stageA = key('SalesStageSetup', 'A7F3C2D14B5E6F708192A3B4C5D6E7F8', 1);
  const stageB = key('SalesStageSetup', 'B8E4D3C25A6F7081920B1C2D3E4F5061', 2);
  expect(stageA.length).toBeGreaterThan(40);
  await send(
    page,
    maximizerEvent({
      entity: 'Opportunity',
      op: 'update',
      original: { Key: record, SalesStageSetupKey: stageA },
      new: { Key: record, SalesStageSetupKey: stageA },
    }),
    1,
  );
  await send(
    page,
    maximizerEvent({
      entity: 'Opportunity',
      op: 'update',
      original: { Key: record, SalesStageSetupKey: stageA },
      new: { Key: record, SalesStageSetupKey: stageB },
    }),
    2,
  );
  await rows(page).first().click();
  const changed = page.locator('[data-testid="change-row"][data-path="SalesStageSetupKey"]');
  await expect(changed).toHaveAttribute('data-kind', 'changed');
  await expect(changed.locator('.text-diff')).toHaveCount(0);
  await expect(changed.locator('.key-decoded').first()).toContainText('SalesStageSetup A7F3C2D14B5E6F708192A3B4C5D6E7F8');
  await expect(changed.locator('.key-decoded').nth(1)).toContainText('SalesStageSetup B8E4D3C25A6F7081920B1C2D3E4F5061');
  // The base64 is one hover away (the key's card), not what the row shows.
  expect(await changed.innerText()).not.toContain(stageB.slice(0, 20));

  await page.getByTestId('tab-timeline').click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('SalesStageSetup B8E4');
  await expect(timeline.locator('td')).not.toContainText([stageB.slice(0, 12)]);
});

test('3: origin tags show before the summary; imports keep their original time; sandbox events are marked', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  const long = 'x'.repeat(300);
  await s.call('sendTestEvent', { entity: 'Lead', op: 'update' });
  await expect(rows(page)).toHaveCount(1);
  const badge = rows(page).first().getByTestId('origin-badge');
  await expect(badge).toHaveText('test');
  await expect(badge).toBeInViewport({ ratio: 1 });

  // An old delivery, exported and imported back: listed at its original time, marked imported.
  expect(await postWebhook(s.receiverUrl, maximizerEvent({ entity: 'Lead', op: 'update', original: { Note: 'a' }, new: { Note: long } }))).toBe(200);
  await expect(rows(page)).toHaveCount(2);
  const original = (await s.call('listEvents', { limit: 1 })).items[0]!;
  const originalTime = await rows(page).first().locator('.c-time').textContent();
  const job = await s.call('exportEvents', { format: 'ndjson', ids: [original.id], wait: true });
  const file = Buffer.from((await s.call('readJobOutput', { id: job.id })).base64, 'base64').toString();
  // Deleted first: importing a request this database still holds adds nothing (import is idempotent).
  await s.call('deleteEvents', { ids: [original.id] });
  await expect(rows(page)).toHaveCount(1);
  await page.waitForTimeout(1100); // a new second, so "now" and the original time differ
  const imported = await s.call('importEvents', { content: file, wait: true });
  expect(imported.state).toBe('done');
  await expect(rows(page)).toHaveCount(2);
  const importedRow = rows(page).first();
  await expect(importedRow.getByTestId('origin-badge')).toHaveText('imported');
  await expect(importedRow.getByTestId('origin-badge')).toBeInViewport({ ratio: 1 });
  await expect(importedRow.locator('.c-time')).toHaveText(originalTime!);
  const stored = (await s.call('listEvents', { limit: 1 })).items[0]!;
  expect(stored.origin).toBe('imported');
  expect(stored.receivedAt).toBe(original.receivedAt);

  // The built-in sandbox (the default connection) delivers one of its own.
  await s.call('sandboxGenerate', { kind: 'lead.create' });
  await expect(rows(page)).toHaveCount(3, { timeout: 15_000 });
  await expect(rows(page).first().getByTestId('origin-badge')).toHaveText('sandbox');
  await rows(page).first().click();
  await expect(page.getByTestId('event-detail').getByTestId('origin-badge')).toHaveText('sandbox');
});

test('4: disabled buttons look disabled (dimmed, not-allowed cursor)', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await send(page, maximizerEvent({ new: { A: 1 } }), 1);
  await rows(page)
    .first()
    .click({ modifiers: ['Control'] });
  const compare = page.getByTestId('bulk-compare');
  await expect(compare).toBeDisabled();
  const look = await compare.evaluate((el) => ({
    opacity: Number(el.ownerDocument.defaultView!.getComputedStyle(el).opacity),
    cursor: el.ownerDocument.defaultView!.getComputedStyle(el).cursor,
  }));
  expect(look.opacity).toBeLessThan(0.6);
  expect(look.cursor).toBe('not-allowed');
  const enabled = await page.getByTestId('bulk-export').evaluate((el) => Number(el.ownerDocument.defaultView!.getComputedStyle(el).opacity));
  expect(enabled).toBe(1);

  // The issue's own example: "Save filter" with an invalid filter.
  await page.getByTestId('nav-subscriptions').click();
  await page.getByTestId('filter-raw').fill('{"Revenue": {"$GT": ');
  const save = page.getByTestId('filter-subscribe');
  await expect(save).toBeDisabled();
  expect(await save.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).cursor)).toBe('not-allowed');
  expect(Number(await save.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).opacity))).toBeLessThan(0.6);

  // The simulation form: malformed header lines cannot be applied, and the button says so by its look.
  await page.getByTestId('nav-forwarding').click();
  await page.getByTestId('sim-headers').fill('not a header line');
  await expect(page.getByTestId('sim-apply')).toBeDisabled();
  expect(await page.getByTestId('sim-apply').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).cursor)).toBe('not-allowed');
});

test('5: at 1024 px the detail header stays compact, every tab shows, column titles are whole; at 1400 px one title line', async ({ page }) => {
  const s = server();
  await page.setViewportSize({ width: 1024, height: 768 });
  await openApp(page, s);
  const record = key('Opportunity', '250314251200345670001O', 0);
  await send(
    page,
    maximizerEvent({ entity: 'Opportunity', op: 'update', version: '1.1', original: { Key: record, Revenue: 1 }, new: { Key: record, Revenue: 2 } }),
    1,
  );
  await send(
    page,
    maximizerEvent({ entity: 'Opportunity', op: 'update', version: '0.1', original: { Key: record, Revenue: 2 }, new: { Key: record, Revenue: 3 } }),
    2,
  );
  await rows(page).first().click();
  const detail = page.getByTestId('event-detail');
  const title = await detail.locator('.detail-title').boundingBox();
  expect(title!.height).toBeLessThanOrEqual(70); // at most two lines (title, then the actions)
  const box = (await detail.boundingBox())!;
  for (const tab of ['changes', 'event', 'request', 'attempts', 'timeline']) {
    const t = (await page.getByTestId(`tab-${tab}`).boundingBox())!;
    expect(t.x + t.width, `${tab} tab fits`).toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
  const head = detail.locator('.change-head > span').nth(2);
  await expect(head).toHaveText('Original → New');
  expect(await head.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The list keeps a readable summary column.
  expect((await rows(page).first().locator('.c-summary').boundingBox())!.width).toBeGreaterThan(130);

  await page.setViewportSize({ width: 1400, height: 900 });
  await expect.poll(async () => (await detail.locator('.detail-title').boundingBox())!.height).toBeLessThan(40);
});

test('6: tunnel settings show this run (off with --no-tunnel), no literal backticks; connections are under Settings', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await page.getByTestId('nav-settings').click();
  const tunnel = page.getByTestId('settings-tunnel');
  await expect(tunnel.getByTestId('tunnel-enabled')).toHaveAttribute('data-state', 'unchecked');
  await expect(tunnel.getByTestId('tunnel-state')).toContainText('off for this run');
  expect(await page.getByTestId('settings-tunnel').innerText()).not.toContain('`');
  await expect(page.getByTestId('settings-connections').getByTestId('connection-card')).toBeVisible();
  await expect(page.getByTestId('settings-connections').getByTestId('connection-label')).toContainText('Sandbox');
});

test('7: Esc closes the shortcuts; deletes ask in an in-app dialog, never the browser confirm()', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await send(page, maximizerEvent({ new: { A: 1 } }), 1);
  page.on('dialog', () => {
    throw new Error('a native dialog was opened');
  });
  await page.locator('body').press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);
  await expect(rows(page)).toHaveCount(1); // Esc closed the overlay and nothing else

  await expect(page.getByTestId('statusbar')).toContainText('1 event');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('clear-events').click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('Delete all 1 event?');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect((await s.call('status')).counts.events).toBe(1);
  await page.getByTestId('clear-events').click();
  await page.getByTestId('confirm-ok').click();
  await expect.poll(async () => (await s.call('status')).counts.events).toBe(0);
});

test('8: a finished import stops animating and says what it skipped and why; junk and empty files get a clear error; re-import adds nothing', async ({
  page,
}) => {
  const s = server();
  await openApp(page, s);
  // One request carrying two events: exported as two lines that share that request.
  await send(page, [maximizerEvent({ new: { A: 1 } }), maximizerEvent({ new: { A: 2 } })], 2);
  const job = await s.call('exportEvents', { format: 'ndjson', wait: true });
  const file = Buffer.from((await s.call('readJobOutput', { id: job.id })).base64, 'base64');
  await s.call('clearEvents');
  await page.getByTestId('nav-forwarding').click();
  const importFile = (name: string, buffer: Buffer) => page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer });
  await importFile('events.ndjson', file);
  const progress = page.getByTestId('job-import');
  await expect(progress).toHaveAttribute('data-state', 'done');
  await expect(progress.locator('progress')).toHaveCount(0);
  await expect(progress).toContainText('Imported 1 request; skipped 1 repeat of a request earlier in the file (other events of one body)');
  await expect.poll(async () => (await s.call('status')).counts.events).toBe(2);

  // The same file again: nothing new, and it says why.
  await importFile('events.ndjson', file);
  await expect(progress).toContainText('Imported 0 requests; 1 request already stored (same bytes, same time: imported before)');
  expect((await s.call('status')).counts.events).toBe(2);

  // 5 MB of junk: a failure with the reason, the lines grouped — not a green "Imported 0".
  const junk = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `junk ${i} ${'x'.repeat(90)}`).join('\n'));
  await importFile('junk.ndjson', junk);
  await expect(progress).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(progress).toContainText('Failed: Nothing could be imported');
  await expect(progress.locator('.fw-job-done')).toHaveText('✕');
  await expect(page.getByTestId('transfer')).toContainText('lines 1–50000: not JSON');

  // An empty file: said in place.
  await importFile('empty.ndjson', Buffer.alloc(0));
  await expect(page.getByTestId('import-error')).toHaveText('empty.ndjson is empty: nothing to import.');
  await expect(progress).toHaveCount(0);
});

test('9: search finds emoji, treats " and \' alike, has-field sees nested paths, matches are highlighted', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await send(page, maximizerEvent({ entity: 'Lead', new: { Note: 'Party 🎉 tonight', Address: { City: 'Vancouver' } } }), 1);
  await send(page, maximizerEvent({ entity: 'Lead', new: { LastName: "O'Brien", City: 'Paris' } }), 2);
  await send(page, maximizerEvent({ entity: 'Lead', new: { Note: 'a "quoted" word' } }), 3);
  const search = page.locator('#event-search');

  await search.fill('🎉');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Party 🎉');
  await search.fill("'");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("O'Brien");
  await search.fill('"');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('quoted');

  await search.fill('vancouver');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Party');
  await rows(page).first().click();
  await page.getByTestId('tab-event').click();
  await expect(page.getByTestId('event-json').getByTestId('query-match')).toHaveText(['Vancouver']);

  await search.fill('');
  await expect(rows(page)).toHaveCount(3);
  const field = page.getByTestId('filter-field');
  await field.fill('Address.City');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Party');
  await field.fill('City');
  await expect(rows(page)).toHaveCount(2);
});

test('10: polish — "1 event", empty old values named, entity case variants grouped, forward URL placeholder, UNTOUCHED badge in its column', async ({
  page,
}) => {
  const s = server();
  await openApp(page, s);
  await send(page, maximizerEvent({ entity: 'lead', op: 'update', original: { MiddleName: '', Age: 3, Phone: '1' }, new: { MiddleName: 'Marie' } }), 1);
  await expect(page.getByTestId('shown-count')).toHaveText('1 event');
  await expect(rows(page).first()).toContainText('MiddleName: (empty) → Marie');
  await send(page, maximizerEvent({ entity: 'Lead', op: 'create', new: { LastName: 'Doe' } }), 2);
  await expect(rows(page).locator('.c-entity')).toHaveText(['Lead', 'Lead']);
  const options = page.getByTestId('filter-entity').locator('option');
  await expect(options.filter({ hasText: /^lead$/i })).toHaveText(['Lead']);

  await rowWith(page, 'MiddleName').click();
  await page.getByTestId('show-untouched').click();
  const untouched = page.locator('[data-testid="change-row"][data-kind="untouched"]').first();
  const badge = (await untouched.locator('.kind').boundingBox())!;
  const value = (await untouched.locator('.cr-value').boundingBox())!;
  expect(badge.x + badge.width).toBeLessThanOrEqual(value.x);

  await page.getByTestId('nav-forwarding').click();
  await expect(page.getByTestId('forward-url')).toHaveValue('');
  await expect(page.getByTestId('forward-url')).toHaveAttribute('placeholder', /localhost/);
});

test('delete one event from its header; the list, the counts and the engine agree', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await send(page, maximizerEvent({ new: { Keep: 1 } }), 1);
  await send(page, maximizerEvent({ new: { Drop: 1 } }), 2);
  await rowWith(page, 'Drop').click();
  await page.getByTestId('delete-event').click();
  await page.getByTestId('confirm-ok').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Keep');
  await expect(page.getByTestId('event-detail')).not.toHaveAttribute('data-event-id', /.+/);
  const left = await s.call('listEvents', { limit: 10 });
  expect(left.items.map((e) => e.summary)).toEqual([expect.stringContaining('Keep')]);
});

test('select several rows with the mouse and the keyboard, then delete, export or replay them', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  for (let i = 1; i <= 5; i++) await send(page, maximizerEvent({ new: { N: `n${i}` } }), i);
  // Shift-click selects a range from the clicked row.
  await rows(page).nth(0).click();
  await rows(page)
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 events selected');
  // Ctrl-click toggles one.
  await rows(page)
    .nth(1)
    .click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-count')).toHaveText('2 events selected');
  // Keyboard: Esc clears; Space selects; Shift+↓ extends.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await page.locator('body').press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByTestId('selection-count')).toHaveText('2 events selected');

  // Export downloads exactly the selected events.
  const download = page.waitForEvent('download');
  await page.getByTestId('bulk-export').click();
  const file = await (await download).path();
  const lines = (await import('node:fs'))
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l.includes('"requests"'));
  expect(lines).toHaveLength(2);

  // Replay sends each selected request to the URL given.
  const before = handler.hits.length;
  await page.getByTestId('bulk-replay').click();
  await page.getByTestId('bulk-replay-url').fill(handler.url);
  await page.getByTestId('bulk-replay-send').click();
  await eventually(() => handler.hits.length === before + 2);

  // Delete removes them after asking.
  await page.getByTestId('bulk-delete').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Delete 2 events?');
  await page.getByTestId('confirm-ok').click();
  await expect(rows(page)).toHaveCount(3);
  expect((await s.call('listEvents', { limit: 10 })).items).toHaveLength(3);
  // Ctrl+A selects every loaded row.
  await page.locator('body').press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText('3 events selected');
});

test('compare any two events side by side', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await send(page, maximizerEvent({ entity: 'Lead', op: 'create', new: { LastName: 'Doe', City: 'Paris' } }), 1);
  await send(page, maximizerEvent({ entity: 'Opportunity', op: 'create', new: { Objective: 'Deal', City: 'Paris' } }), 2);
  await rows(page)
    .nth(0)
    .click({ modifiers: ['Control'] });
  await rows(page)
    .nth(1)
    .click({ modifiers: ['Control'] });
  await page.getByTestId('bulk-compare').click();
  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog.getByTestId('compare-view')).toBeVisible();
  await expect(dialog.getByTestId('compare-view')).toContainText('LastName');
  await expect(dialog.getByTestId('compare-view')).toContainText('Objective');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('the receiver simulation answers with a custom body and headers', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await page.getByTestId('nav-forwarding').click();
  await page.getByTestId('sim-body').fill('{"accepted":"yes"}');
  await page.getByTestId('sim-headers').fill('X-Handler: test-suite\nContent-Type: application/vnd.test+json');
  await page.getByTestId('sim-apply').click();
  await expect(page.getByTestId('simulation-active')).toContainText('with a custom body and 2 custom headers');
  const res = await fetch(s.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(maximizerEvent()) });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-handler')).toBe('test-suite');
  expect(res.headers.get('content-type')).toBe('application/vnd.test+json');
  expect(await res.text()).toBe('{"accepted":"yes"}');
  await page.getByTestId('sim-reset').click();
  await expect(page.getByTestId('simulation-active')).toHaveCount(0);
  const normal = await fetch(s.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(maximizerEvent()) });
  expect(normal.headers.get('x-handler')).toBeNull();
  await normal.arrayBuffer();
});

test('raw bodies: wrap and pretty-print toggles change the view, not the copy', async ({ page, context }) => {
  const s = server();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, s);
  const body = JSON.stringify(maximizerEvent({ new: { LastName: 'Doe' } }));
  await send(page, body, 1);
  await rows(page).first().click();
  await page.getByTestId('tab-request').click();
  const view = page.getByTestId('raw-body');
  await expect(view.locator('.cm-line')).toHaveCount(1);
  await expect(page.getByTestId('body-wrap')).toHaveAttribute('data-state', 'off');
  await page.getByTestId('body-wrap').click();
  await expect(page.getByTestId('body-wrap')).toHaveAttribute('data-state', 'on');
  await expect(view.locator('.cm-lineWrapping')).toHaveCount(1);
  await page.getByTestId('body-pretty').click();
  await expect.poll(() => view.locator('.cm-line').count()).toBeGreaterThan(5);
  await page.getByTestId('copy-body').click();
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(body);
});

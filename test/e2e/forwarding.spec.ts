import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startServe, type Served } from '../helpers/serve';
import { startHandler, type Handler } from '../integration/forwarding/handler';

let served: Served;
let handler: Handler;
test.beforeAll(async () => {
  served = await startServe();
  handler = await startHandler(() => ({ status: 200, body: 'ok' }));
});
test.afterAll(async () => {
  await handler?.close();
  await served?.close();
});

const webhook = (id: string, lastName = 'Doe') =>
  JSON.stringify({ Id: id, Entity: 'Lead', Data: { Op: 'create', New: { Key: 'TGVhZAkxCTA=', LastName: lastName }, Version: '0.8' } });
const idsOf = (h: Handler) => h.hits.map((hit) => (JSON.parse(hit.body.toString()) as { Id: string }).Id);

test('a forward rule set up in the UI forwards the next webhook and shows its delivery', async ({ page }) => {
  await page.goto(served.uiUrl);
  await page.getByTestId('nav-forwarding').click();
  await page.getByTestId('forward-url').fill(handler.url);
  await page.getByTestId('forward-entity').fill('lead');
  await page.getByTestId('forward-add').click();
  await expect(page.getByTestId('forward-rule')).toContainText(handler.url);
  await expect(page.getByTestId('forwarding-status')).toContainText('forwarding (1)');

  const res = await fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhook('ui-fw-1') });
  expect(res.status).toBe(200);
  const row = page.getByTestId('delivery-row').first();
  await expect(row).toHaveAttribute('data-state', 'delivered');
  await expect(row.getByTestId('delivery-verdict')).toContainText('Delivered: 200');
  expect(idsOf(handler)).toContain('ui-fw-1');
  // The handler's answer is one click away (on the verdict: the row's middle can be the event link, which opens the event).
  await row.getByTestId('delivery-verdict').click();
  await expect(page.getByTestId('attempt-response-body')).toHaveText('ok');
});

test('an edited event is replayed from its detail, and kept as an edited copy', async ({ page }) => {
  await fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhook('ui-edit-1', 'Original') });
  await page.goto(served.uiUrl);
  await page.getByTestId('event-row').filter({ hasText: 'Original' }).first().click();
  await page.getByTestId('edit-replay-button').click();
  await page.getByTestId('replay-url').fill(handler.url);

  const editor = page.getByTestId('replay-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('{"Id": "ui-edit-1", "Entity": "Lead", "Data": {');
  await expect(page.getByTestId('replay-validation')).toContainText('Not valid JSON');
  await expect(page.getByTestId('replay-send')).toBeDisabled();
  const edited = webhook('ui-edit-1', 'EditedInUi');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(edited);
  await expect(page.getByTestId('replay-validation')).toHaveText('Valid JSON');

  // Esc with unsent edits asks first; keeping them leaves the editor as it was.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('confirm-dialog')).toContainText('Discard your edits?');
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await expect(page.getByTestId('replay-dialog')).toBeVisible();
  await expect(editor).toContainText('EditedInUi');
  await page.getByTestId('replay-send').click();

  await expect(page.getByTestId('replay-result')).toHaveAttribute('data-state', 'delivered');
  expect(handler.hits.map((h) => h.body.toString())).toContain(edited);
  await page.getByTestId('open-edited').click();
  await expect(page.getByTestId('event-row').filter({ hasText: 'EditedInUi' }).filter({ hasText: 'edited' })).toBeVisible();
  await expect(page.getByTestId('event-detail')).toContainText('EditedInUi');

  // Confirming the discard closes the editor; without edits, Esc closes it at once.
  await page.getByTestId('edit-replay-button').click();
  await editor.click();
  await page.keyboard.insertText(' ');
  await page.keyboard.press('Escape');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('replay-dialog')).toHaveCount(0);
  await page.getByTestId('edit-replay-button').click();
  await expect(page.getByTestId('replay-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('replay-dialog')).toHaveCount(0);
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
});

test('a test event sent from the UI arrives in the list', async ({ page }) => {
  await page.goto(served.uiUrl);
  await page.getByTestId('nav-forwarding').click();
  await page.getByTestId('test-kind').selectOption('opportunity.stage');
  await page.getByTestId('test-to').selectOption('receiver');
  await page.getByTestId('test-send').click();
  await expect(page.getByTestId('test-result')).toContainText('it answered 200');
  await page.getByTestId('nav-events').click();
  const row = page.getByTestId('event-row').filter({ hasText: 'Opportunity' }).filter({ hasText: 'test' });
  await expect(row).toBeVisible();
});

test('events exported from the UI download as a file that imports back, marked imported', async ({ page }) => {
  await page.goto(served.uiUrl);
  await page.getByTestId('nav-forwarding').click();
  await page.getByTestId('export-format').selectOption('har');
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('job-export')).toHaveAttribute('data-state', 'done');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.har$/);
  const file = await download.path();
  const entries = (JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: unknown[] } }).log.entries;
  expect(entries.length).toBeGreaterThan(0);

  // Importing into the database the file came from adds nothing (import is idempotent): it says so.
  const again = page.waitForEvent('filechooser');
  await page.getByTestId('import-start').click();
  await (await again).setFiles(file);
  await expect(page.getByTestId('job-import')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('job-import')).toContainText('already stored');

  // Into an emptied database, every request comes back, marked imported.
  await served.call('clearEvents');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-start').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('job-import')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('job-import')).toContainText(`Imported ${entries.length} request`);
  await page.getByTestId('nav-events').click();
  await expect(page.getByTestId('event-row').filter({ hasText: 'imported' }).first()).toBeVisible();
});

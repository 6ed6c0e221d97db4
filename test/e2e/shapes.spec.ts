import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, maximizerEvent, openApp, postWebhook, readClipboard, serverPerFile, test } from './fixtures';

const s = serverPerFile();

test.beforeEach(async () => {
  await s().call('clearEvents');
});

const exportEvent = (version: string, rows = 30) =>
  maximizerEvent({ entity: 'Export', op: 'read', original: { entityType: 2, userKey: 'VXNlcglMU0hBTw==', rows }, version });

const rowOf = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-testid="event-row"]`).filter({ hasText: id });

test('version warning: v1 → v2 → v1 flags only the event that first brought major 2, and it stays put', async ({ page }) => {
  for (let i = 0; i < 3; i++) expect(await postWebhook(s().receiverUrl, exportEvent('1.0', i))).toBe(200);
  expect(await postWebhook(s().receiverUrl, exportEvent('2.0', 7))).toBe(200);
  expect(await postWebhook(s().receiverUrl, exportEvent('1.0', 8))).toBe(200);
  await openApp(page, s());
  const rows = page.getByTestId('event-row');
  await expect(rows).toHaveCount(5);
  // Newest first: 1.0, 2.0, 1.0, 1.0, 1.0. Only the 2.0 row carries the warning.
  const warned = page.getByTestId('version-badge').filter({ hasText: '⚠' });
  await expect(warned).toHaveCount(1);
  await expect(rows.nth(1).getByTestId('version-badge')).toHaveText('⚠ v2.0');

  // Opening the old and the new events in any order changes nothing: the flag belongs to the 2.0 event.
  await rows.nth(0).click();
  await expect(page.getByTestId('version-warning')).toHaveCount(0);
  await rows.nth(1).click();
  await expect(page.getByTestId('version-warning')).toContainText('Major 1 → 2');
  await rows.nth(4).click();
  await expect(page.getByTestId('version-warning')).toHaveCount(0);
  await expect(warned).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('version-badge').filter({ hasText: '⚠' })).toHaveCount(1);
});

test('version warning: Opportunity stage changes at 1.1 among updates at 0.1 raise nothing', async ({ page }) => {
  const key = 'T3Bwb3J0dW5pdHkJMjIwNTA1MjUyMjI3MzkzMDQwMDMwTwkw';
  const update = () => maximizerEvent({ op: 'update', version: '0.1', original: { Key: key }, new: { Key: key } });
  const stage = () =>
    maximizerEvent({
      op: 'update',
      version: '1.1',
      original: { key, salesStageSetupKey: 'U2FsZXNQcm9jZXNzU3RhZ2UJMTUyOA==', salesStageSetupName: 'Qualified' },
      new: { key, salesStageSetupKey: 'U2FsZXNQcm9jZXNzU3RhZ2UJMTUyOQ==', salesStageSetupName: 'Presentation' },
    });
  for (const body of [update(), stage(), update(), stage(), update(), stage()]) expect(await postWebhook(s().receiverUrl, body)).toBe(200);
  await openApp(page, s());
  await expect(page.getByTestId('event-row')).toHaveCount(6);
  for (const i of [0, 1, 2, 3]) {
    await page.getByTestId('event-row').nth(i).click();
    await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', /\d+/);
    await expect(page.getByTestId('version-warning')).toHaveCount(0);
  }
  await expect(page.getByTestId('version-badge').filter({ hasText: '⚠' })).toHaveCount(0);
  await expect(page.getByTestId('drift-badge')).toHaveCount(0);
});

test('Shapes view: an entity’s fields with types, presence and examples; a field links to its events', async ({ page }) => {
  const lead = (extra: Record<string, unknown> = {}) =>
    maximizerEvent({
      entity: 'Lead',
      op: 'create',
      version: '0.8',
      new: {
        Key: 'TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw',
        LastName: 'Lovelace',
        Status: 1,
        Address: { City: 'Vancouver' },
        'Udf/$TYPEID(57997)': ['2'],
        ...extra,
      },
    });
  await postWebhook(s().receiverUrl, lead({ Email: 'ada@example.com' }));
  await postWebhook(s().receiverUrl, lead());
  await postWebhook(s().receiverUrl, maximizerEvent({ entity: 'Export', op: 'read', original: { rows: 3 }, version: '1.0' }));
  await openApp(page, s());
  await page.getByTestId('nav-shapes').click();
  await expect(page.getByTestId('shape-entity')).toHaveCount(2);
  await page.getByTestId('shape-item').filter({ hasText: 'v0.x' }).click();
  const detail = page.getByTestId('shape-detail');
  await expect(detail).toContainText('2 events');
  const city = detail.locator('[data-testid="shape-field"][data-path="Address.City"]');
  await expect(city).toContainText('string');
  await expect(city).toContainText('always · only New');
  await expect(city).toContainText('Vancouver');
  await expect(detail.locator('[data-testid="shape-field"][data-path="Email"]')).toContainText('sometimes (1/2)');
  await expect(detail.locator('[data-testid="shape-field"][data-path="Udf/$TYPEID(57997)"]')).toContainText('array');

  // A reload keeps the open shape (it is in the URL).
  await page.reload();
  await expect(page.getByTestId('shape-detail')).toContainText('2 events');

  await page.getByTestId('shape-detail').locator('[data-testid="shape-field"][data-path="Email"]').hover();
  await page.locator('[data-testid="shape-field"][data-path="Email"] [data-testid="field-events"]').click();
  await expect(page.getByTestId('filter-field')).toHaveValue('Email');
  await expect(page.getByTestId('event-row')).toHaveCount(1);

  // A nested field links to the events that carry it, by its dotted path.
  await page.getByTestId('nav-shapes').click();
  await page.getByTestId('shape-item').filter({ hasText: 'v0.x' }).click();
  await page.locator('[data-testid="shape-field"][data-path="Address.City"]').hover();
  await page.locator('[data-testid="shape-field"][data-path="Address.City"] [data-testid="field-events"]').click();
  await expect(page.getByTestId('filter-field')).toHaveValue('Address.City');
  await expect(page.getByTestId('event-row')).toHaveCount(2);
});

test('drift: posting a new field badges the row, explains it in the Changes view, and "drift only" finds it', async ({ page }) => {
  const lead = (id: string, extra: Record<string, unknown> = {}) =>
    maximizerEvent({ entity: 'Lead', op: 'create', version: '0.8', new: { Key: 'TGVhZAkx', LastName: id, ...extra } });
  await postWebhook(s().receiverUrl, lead('first'));
  await postWebhook(s().receiverUrl, lead('second'));
  await openApp(page, s());
  await expect(page.getByTestId('event-row')).toHaveCount(2);
  await expect(page.getByTestId('drift-badge')).toHaveCount(0);

  // Arrives live, while the list is open.
  await postWebhook(s().receiverUrl, lead('third', { Mobile: '604-555-0101' }));
  const row = rowOf(page, 'third');
  await expect(row.getByTestId('drift-badge')).toBeVisible();
  await row.click();
  await expect(page.getByTestId('drift-line')).toHaveText('new field Mobile of type string');

  await page.getByTestId('filter-drift').check();
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  await expect(page.getByTestId('event-row')).toContainText('third');

  await page.getByTestId('drift-open-shape').click();
  await expect(page.getByTestId('shape-drift')).toContainText('new field `Mobile` of type string');
});

test('copying a TypeScript model of a shape: optional where a field was sometimes absent, sparse New explained', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lead = (extra: Record<string, unknown>) =>
    maximizerEvent({ entity: 'Lead', op: 'create', version: '0.8', new: { Key: 'TGVhZAkx', LastName: 'Lovelace', ...extra } });
  await postWebhook(s().receiverUrl, lead({ Mobile: '604-555-0101' }));
  await postWebhook(s().receiverUrl, lead({}));
  await openApp(page, s());
  await page.getByTestId('nav-shapes').click();
  await page.getByTestId('shape-item').first().click();
  await page.getByTestId('generate-model').click();
  await expect(page.getByTestId('model-code')).toContainText('export interface LeadCreateV0');
  await page.getByTestId('copy-model').click();
  const code = await readClipboard(page);
  expect(code).toContain("Maximizer's New is sparse");
  expect(code).toMatch(/Mobile\?: +string;/);
  expect(code).toMatch(/LastName: +string;/);

  // Another language regenerates in place.
  await page.getByTestId('model-language').selectOption('zod');
  await expect(page.getByTestId('model-code')).toContainText('export const LeadCreateV0Schema = z.object(');
});

test('fixtures: the listed events download as a zip with one JSON file per event, named entity-op-Key', async ({ page }) => {
  const key = 'TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw';
  await postWebhook(s().receiverUrl, maximizerEvent({ entity: 'Lead', op: 'create', version: '0.8', new: { Key: key, LastName: 'A' } }));
  await postWebhook(
    s().receiverUrl,
    maximizerEvent({ entity: 'Lead', op: 'update', version: '0.8', original: { Key: key, LastName: 'A' }, new: { Key: key, LastName: 'B' } }),
  );
  await openApp(page, s());
  await expect(page.getByTestId('event-row')).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-list-fixtures').click()]);
  expect(download.suggestedFilename()).toMatch(/^maximizer-fixtures-.*\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['lead-create-Lead_230908000320772238169LE_0.json', 'lead-update-Lead_230908000320772238169LE_0.json']);
  expect(JSON.parse(strFromU8(files['lead-update-Lead_230908000320772238169LE_0.json']!))).toMatchObject({ Entity: 'Lead', Data: { Op: 'update' } });
});

test('latency: the detail header splits the delivery, and the charts render with data', async ({ page }) => {
  const now = Date.now();
  for (const lag of [1500, 2500, 3500]) {
    const event = maximizerEvent({ entity: 'Lead', op: 'update', version: '0.8', original: { Key: 'TGVhZAkx' }, new: { Key: 'TGVhZAkx' } }) as Record<
      string,
      unknown
    >;
    event.Timestamp = new Date(now - lag).toISOString().replace('Z', '0000Z');
    event.ProcessedTimestamp = new Date(now - lag + 1000).toISOString();
    expect(await postWebhook(s().receiverUrl, event)).toBe(200);
  }
  await openApp(page, s());
  await page.getByTestId('event-row').first().click();
  await expect(page.getByTestId('delivery-times')).toContainText('processing 1.00 s');

  await page.getByTestId('nav-latency').click();
  await expect(page.getByTestId('latency-summary')).toContainText('3 webhooks');
  for (const chart of ['rate-chart', 'latency-chart']) {
    const el = page.getByTestId(chart);
    await expect(el.locator('canvas')).toHaveCount(1);
    expect(Number(await el.getAttribute('data-points'))).toBeGreaterThan(10);
  }
  // The legend reads the latest bucket: the p99 of this minute is at least the slowest of the three.
  await expect(page.getByTestId('latency-chart').locator('.u-legend')).toContainText('p99');
  await page.getByTestId('latency-entity').selectOption('Lead');
  await expect(page.getByTestId('latency-summary')).toContainText('3 webhooks');
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, maximizerEvent, openApp, postWebhook, readClipboard, serverPerFile, test } from './fixtures';

const server = serverPerFile();
const LEAD_KEY = 'TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw'; // Lead⇥230908000320772238169LE⇥0 (CONTRACT §5)

const update = maximizerEvent({
  entity: 'lead',
  op: 'update',
  version: '0.8',
  original: {
    Key: LEAD_KEY,
    CompanyName: 'Acme Anvils',
    Status: 1,
    Email: 'ops@acme.example',
    Address: { City: 'Halifax', Country: 'Canada', ZipCode: 'B3H 1A1' },
    Phone1: { Number: '1-800-555-0100', Default: true },
    Age: 194.0,
    'Udf/$TYPEID(57997)': ['2'],
  },
  new: {
    key: LEAD_KEY,
    companyName: 'Acme Anvils & Rockets',
    Status: '2',
    Email: 'ops@acme.example',
    Address: { City: 'Dartmouth' },
    'Udf/$TYPEID(57997)': ['2', '8'],
  },
});

test('a posted update opens in Changes with old → new values, nested fields included', async ({ page, context }) => {
  const s = server();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, s);
  expect(await postWebhook(s.receiverUrl, update)).toBe(200);
  await page.getByTestId('event-row').first().click();
  await expect(page.getByTestId('tab-changes')).toHaveAttribute('aria-selected', 'true');
  const view = page.getByTestId('changes-view');
  const row = (path: string) => view.locator(`[data-testid="change-row"][data-path="${path}"]`);

  // Changed, matched ignoring case (`companyName` in New, `CompanyName` in Original).
  await expect(row('companyName')).toHaveAttribute('data-kind', 'changed');
  await expect(row('companyName')).toContainText('Acme Anvils');
  await expect(row('companyName')).toContainText('& Rockets');
  // Nested: Address.City changed; Country and ZipCode were not written.
  await expect(row('Address')).toHaveAttribute('data-kind', 'changed');
  await expect(row('Address.City')).toHaveAttribute('data-kind', 'changed');
  await expect(row('Address.City').locator('.old')).toHaveText('"Halifax"');
  await expect(row('Address.City').locator('.new')).toHaveText('"Dartmouth"');
  // Type change is flagged.
  await expect(row('Status')).toContainText('type number → string');
  // Written but equal.
  await expect(row('Email')).toHaveAttribute('data-kind', 'equal');
  // Arrays by index: [1] added.
  await expect(row('Udf/$TYPEID(57997).1')).toHaveAttribute('data-kind', 'added');

  // Untouched fields (only in Original) are hidden behind a toggle with their count.
  await expect(row('Age')).toHaveCount(0);
  await expect(row('Address.Country')).toHaveCount(0);
  await expect(page.getByTestId('show-untouched')).toContainText('4 untouched fields'); // Address.Country, Address.ZipCode, Phone1, Age;
  await page.getByTestId('show-untouched').click();
  await expect(row('Age')).toHaveAttribute('data-kind', 'untouched');
  await expect(row('Address.Country')).toHaveAttribute('data-kind', 'untouched');

  // Maximizer keys decode on hover, with a copy of the raw value.
  const key = row('key').getByTestId('key-value');
  await key.hover();
  await expect(key.locator('.key-pop')).toContainText('230908000320772238169LE');
  await key.getByRole('button', { name: 'Copy raw' }).click();
  expect(await readClipboard(page)).toBe(LEAD_KEY);
});

test('Request shows the raw body as received; copied cURL replays it as another attempt', async ({ page, context }) => {
  const s = server();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, s);
  const body = `[\n  ${JSON.stringify(maximizerEvent({ entity: 'lead', op: 'create', new: { Key: 'x', Age: 6.0, Note: 'it\'s "quoted"' } }))}\n]`.replace(
    '"Age":6',
    '"Age":6.0',
  );
  expect(await postWebhook(s.receiverUrl, body, { 'x-trace': 'abc-123' })).toBe(200);
  const row = page.getByTestId('event-row').filter({ hasText: 'created with 3 fields' });
  await row.click();
  await page.getByTestId('tab-request').click();
  await expect(page.getByTestId('request-headers')).toContainText('x-trace');
  await page.getByTestId('copy-body').click();
  expect(await readClipboard(page)).toBe(body);

  // The Event tab re-indents without rewriting values: 6.0 stays 6.0.
  await page.getByTestId('tab-event').click();
  await expect(page.getByTestId('event-json')).toContainText('"Age": 6.0');

  await page.getByTestId('copy-curl').click();
  const curl = await readClipboard(page);
  expect(curl).toContain('x-trace: abc-123');
  await promisify(execFile)('sh', ['-c', `${curl} --silent --fail`]);
  await expect(row.locator('.c-attempts')).toHaveText('×2');
  await page.getByTestId('tab-attempts').click();
  await expect(page.getByTestId('attempt-row')).toHaveCount(2);
});

test('a stage change at 1.1 beside updates at 0.1 is two shapes, not a break; the record timeline compares two events', async ({ page }) => {
  const s = server();
  await s.call('clearEvents');
  const key = 'T3Bwb3J0dW5pdHkJMjQwOTE5MjUxNjQ1MjA0MTQwMDAxTwkw';
  await postWebhook(s.receiverUrl, maximizerEvent({ op: 'update', version: '0.1', original: { Key: key, Revenue: 100 }, new: { Key: key, Revenue: 200 } }));
  await postWebhook(
    s.receiverUrl,
    maximizerEvent({
      op: 'update',
      version: '1.1',
      original: { Key: key, Revenue: 200, SalesStageSetupName: 'Qualified' },
      new: { Key: key, SalesStageSetupName: 'Presentation' },
    }),
  );
  await openApp(page, s);
  await page.getByTestId('event-row').nth(1).click(); // v0.1
  await expect(page.getByTestId('version-warning')).toHaveCount(0);
  await page.getByTestId('event-row').nth(0).click(); // v1.1 stage change
  await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', /\d+/);
  await expect(page.getByTestId('version-warning')).toHaveCount(0);
  await expect(page.getByTestId('version-badge').filter({ hasText: '⚠' })).toHaveCount(0);

  await page.getByTestId('open-timeline').click();
  await expect(page.getByTestId('timeline-event')).toHaveCount(2);
  await expect(page.getByTestId('timeline')).toContainText('SalesStageSetupName');
  await page.getByTestId('timeline-pick-0').check();
  await page.getByTestId('timeline-pick-1').check();
  const compare = page.getByTestId('compare-view');
  await expect(compare.getByTestId('compare-row').filter({ hasText: 'SalesStageSetupName' })).toContainText('Presentation');
});

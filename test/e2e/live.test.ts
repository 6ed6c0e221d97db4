import { expect, maximizerEvent, openApp, postWebhook, serverPerFile, test } from './fixtures';

const server = serverPerFile();

test('a webhook posted to the receiver appears in the list without a reload', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  // The sandbox announces its event only while it generates some (tests run it at rate 0).
  await expect(page.getByTestId('sandbox-coming')).toHaveCount(0);
  await s.call('sandboxSetRate', { perMinute: 1 });
  await expect(page.getByTestId('sandbox-coming')).toContainText(
    'A sandbox event is on its way: the built-in sandbox sends about 1 event a minute (one about every 60 s)',
  );
  await s.call('sandboxSetRate', { perMinute: 0 });
  await expect(page.getByTestId('sandbox-coming')).toHaveCount(0);
  const status = await postWebhook(
    s.receiverUrl,
    maximizerEvent({
      original: { Key: 'T3Bwb3J0dW5pdHkJTElWRTEJMA==', SalesStageSetupName: 'Qualified' },
      new: { Key: 'T3Bwb3J0dW5pdHkJTElWRTEJMA==', SalesStageSetupName: 'Presentation' },
    }),
  );
  expect(status).toBe(200);
  const row = page.getByTestId('event-row').first();
  await expect(row).toContainText('Opportunity');
  await expect(row).toContainText('SalesStageSetupName: Qualified → Presentation');
  await expect(row).toContainText('v1.1');
});

test('the empty state sends a built-in sample through the receiver', async ({ page }) => {
  const s = server();
  await s.call('clearEvents');
  await openApp(page, s);
  await page.getByTestId('send-sample').click();
  await expect(page.getByTestId('event-row').first()).toContainText('Opportunity');
  await expect(page.getByTestId('event-row').first()).toContainText('update');
});

test('rows arriving above do not move what the user is reading; pause holds them back', async ({ page }) => {
  const s = server();
  await s.call('clearEvents');
  const batch = Array.from({ length: 120 }, (_, i) => maximizerEvent({ entity: 'lead', op: 'create', new: { Key: `k${i}`, CompanyName: `Company ${i}` } }));
  expect(await postWebhook(s.receiverUrl, batch)).toBe(200);
  await openApp(page, s);
  await expect(page.getByTestId('event-row').first()).toContainText('Company 119');

  // Scroll down: the row at the top of the viewport must stay there when new events arrive.
  await page.locator('.list-scroll').evaluate((el) => (el.scrollTop = 600));
  const list = page.locator('.list-scroll');
  const listBox = (await list.boundingBox())!;
  const rowAt = (y: number) =>
    page.locator('[data-testid="event-row"]').evaluateAll(
      (rows, y) =>
        rows
          .find((r) => {
            const b = r.getBoundingClientRect();
            return b.top <= y && b.bottom > y;
          })
          ?.getAttribute('data-id') ?? null,
      y,
    );
  const probe = listBox.y + 100;
  const before = await rowAt(probe);
  expect(before).not.toBeNull();
  expect(
    await postWebhook(s.receiverUrl, [
      maximizerEvent({ entity: 'lead', op: 'create', new: { CompanyName: 'Fresh 1' } }),
      maximizerEvent({ entity: 'lead', op: 'create', new: { CompanyName: 'Fresh 2' } }),
    ]),
  ).toBe(200);
  await expect(page.getByTestId('unread-count')).toHaveText('2');
  await expect(page.getByTestId('new-pill')).toContainText('2 new');
  expect(await rowAt(probe)).toBe(before);

  // Jumping to the top shows them and clears the unread count.
  await page.getByTestId('new-pill').click();
  await expect(page.getByTestId('event-row').first()).toContainText('Fresh 2');
  await expect(page.getByTestId('unread-count')).toHaveCount(0);

  // Paused: arrivals wait, counted; resume inserts them.
  await page.getByTestId('pause-toggle').click();
  expect(await postWebhook(s.receiverUrl, maximizerEvent({ entity: 'lead', op: 'create', new: { CompanyName: 'While paused' } }))).toBe(200);
  await expect(page.getByTestId('pause-toggle')).toContainText('Resume (1)');
  await expect(page.getByTestId('event-row').first()).toContainText('Fresh 2');
  await page.getByTestId('pause-toggle').click();
  await expect(page.getByTestId('event-row').first()).toContainText('While paused');
});

test('filters live in the URL and survive a reload; live events respect them', async ({ page }) => {
  const s = server();
  await s.call('clearEvents');
  await postWebhook(s.receiverUrl, [
    maximizerEvent({ entity: 'lead', op: 'create', new: { Key: 'a', CompanyName: 'Acme Anvils' } }),
    maximizerEvent({ entity: 'Opportunity', op: 'update', original: { Objective: 'Old' }, new: { Objective: 'Zeppelin fleet' } }),
    maximizerEvent({ entity: 'opportunity', op: 'delete', original: { Key: 'b' } }),
  ]);
  await openApp(page, s);
  await expect(page.getByTestId('event-row')).toHaveCount(3);

  // Maximizer spells it `Opportunity` and `opportunity`: the list offers it once.
  const entity = page.getByTestId('filter-entity').locator('option', { hasText: /^opportunity$/i });
  await expect(entity).toHaveCount(1);
  await page.getByTestId('filter-entity').selectOption((await entity.getAttribute('value'))!);
  await expect(page.getByTestId('event-row')).toHaveCount(2); // entity matches ignoring case
  await page.getByTestId('filter-op').selectOption('update');
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  expect(new URL(page.url()).searchParams.get('op')).toBe('update');

  await page.reload();
  await expect(page.getByTestId('filter-op')).toHaveValue('update');
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  await expect(page.getByTestId('event-row').first()).toContainText('Zeppelin');

  // A live event that does not match stays out; one that matches comes in.
  await postWebhook(s.receiverUrl, maximizerEvent({ entity: 'lead', op: 'update', original: { X: 1 }, new: { X: 2 } }));
  await postWebhook(s.receiverUrl, maximizerEvent({ entity: 'Opportunity', op: 'update', original: { Revenue: 1 }, new: { Revenue: 2 } }));
  await expect(page.getByTestId('event-row')).toHaveCount(2);
  await expect(page.getByTestId('event-row').first()).toContainText('Revenue: 1 → 2');

  // Full-text search and "has field" go to the store's index.
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('event-row')).toHaveCount(5);
  await page.getByTestId('search').fill('zeppel');
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  await page.getByTestId('search').fill('');
  await expect(page.getByTestId('event-row')).toHaveCount(5);
  await page.getByTestId('filter-field').fill('revenue');
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  await expect(page.getByTestId('event-row').first()).toContainText('Revenue');
  await expect.poll(() => new URL(page.url()).searchParams.get('field')).toBe('revenue');
  await page.reload();
  await expect(page.getByTestId('filter-field')).toHaveValue('revenue');
  await expect(page.getByTestId('event-row')).toHaveCount(1);
});

test('rejected requests (wrong secret) are listed with their status', async ({ page }) => {
  const s = server();
  const wrong = new URL(s.receiverUrl);
  wrong.searchParams.set('secret', 'not-the-secret');
  await openApp(page, s);
  expect(await postWebhook(wrong.toString(), maximizerEvent())).toBe(401);
  await expect(page.getByTestId('view-rejected')).toContainText('1');
  await page.getByTestId('view-rejected').click();
  await expect(page.getByTestId('rejection-row').first()).toContainText('401');
});

test('a malformed body is listed with a clear parse-error mark', async ({ page }) => {
  const s = server();
  await openApp(page, s);
  expect(await postWebhook(s.receiverUrl, '{"Entity": "lead", "Data": {')).toBe(200);
  const row = page.locator('[data-testid="event-row"].row-error').first();
  await expect(row).toContainText('error');
  await row.click();
  // Bodies that did not parse open on the raw Request.
  await expect(page.getByTestId('request-tab')).toBeVisible();
  await expect(page.getByTestId('raw-body')).toContainText('{"Entity": "lead", "Data": {');
});

import { expect, maximizerEvent, openApp, postWebhook, readClipboard, serverPerFile, test } from './fixtures';

const server = serverPerFile();

test('↑/↓ and j/k move, Enter opens, / searches, c copies the body, Esc backs out', async ({ page, context }) => {
  const s = server();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const events = ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((name) =>
    maximizerEvent({ entity: 'lead', op: 'create', new: { Key: name.toLowerCase(), CompanyName: name } }),
  );
  // Separate requests, so each event has its own raw body.
  for (const event of events) expect(await postWebhook(s.receiverUrl, event)).toBe(200);
  // Indexing runs behind the ack: open the app once all four are listed, so the cursor starts on the newest
  // (rows that arrive later land above it without moving it, by design).
  await expect.poll(async () => (await s.call('listEvents', { limit: 10 })).items.length).toBe(4);
  await openApp(page, s);
  const rows = page.getByTestId('event-row');
  await expect(rows).toHaveCount(4);
  const cursorRow = page.locator('[data-testid="event-row"][aria-selected="true"]');
  await expect(cursorRow).toContainText('Delta'); // newest first

  await page.keyboard.press('j');
  await expect(cursorRow).toContainText('Charlie');
  await page.keyboard.press('ArrowDown');
  await expect(cursorRow).toContainText('Bravo');
  await page.keyboard.press('k');
  await expect(cursorRow).toContainText('Charlie');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await expect(cursorRow).toContainText('Charlie');

  await page.keyboard.press('Enter');
  // Sent as "lead": shown by its one name.
  await expect(page.getByTestId('detail-entity')).toHaveText('Lead');
  await expect(page.getByTestId('changes-view')).toContainText('Charlie');
  await page.keyboard.press('c');
  expect(JSON.parse(await readClipboard(page))).toEqual(events[2]);

  // Number keys pick a tab.
  await page.keyboard.press('3');
  await expect(page.getByTestId('request-tab')).toBeVisible();

  await page.keyboard.press('/');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.type('bravo');
  await expect(rows).toHaveCount(1);
  // Esc in the search box clears it; then Esc closes the event.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search')).toHaveValue('');
  await expect(rows).toHaveCount(4);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('detail-entity')).toHaveCount(0);
});

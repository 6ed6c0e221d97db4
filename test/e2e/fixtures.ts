import { test, expect, type Page } from '@playwright/test';
import { startServe, type Served } from '../helpers/serve';

export { test, expect };
export type { Served };

/**
 * One browser-mode server per test file: `node out/main/mwi.js serve` (built beforehand,
 * nothing is built here) on ephemeral ports with its own data folder, stopped and
 * removed after the file's last test. (A worker fixture would be shared between files,
 * because Playwright reuses workers.) Call once at the top of a file.
 */
export function serverPerFile(): () => Served {
  let served: Served | undefined;
  test.beforeAll(async () => {
    served = await startServe();
  });
  test.afterAll(async () => {
    await served?.close();
  });
  return () => {
    if (!served) throw new Error('server not started');
    return served;
  };
}

/** POSTs a body to the receiver as Maximizer would; resolves with the HTTP status. */
export async function postWebhook(receiverUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(receiverUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Opens the UI with its token and waits until the first list request has answered. */
export async function openApp(page: Page, served: Served, query = ''): Promise<void> {
  const url = new URL(served.uiUrl);
  for (const [k, v] of new URLSearchParams(query)) url.searchParams.set(k, v);
  await page.goto(url.toString());
  await expect(page.getByTestId('statusbar')).toBeVisible();
  await expect(page.getByTestId('receiver-url')).toBeVisible();
}

let sequence = 0;
/** A Maximizer-shaped event (guide style) with a fresh Id. */
export function maximizerEvent(options: { entity?: string; op?: string; original?: unknown; new?: unknown; version?: string; id?: string } = {}) {
  sequence++;
  return {
    Id: options.id ?? `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    Timestamp: new Date(Date.UTC(2025, 2, 14, 12, 0, sequence % 60)).toISOString().replace('Z', '0000Z'),
    WorkspaceId: '7C1E4B52-93D0-4A6F-B8E1-5D2F0A9C4E17',
    Recipients: [],
    Options: null,
    Entity: options.entity ?? 'Opportunity',
    Data: {
      Op: options.op ?? 'update',
      ...(options.original !== undefined ? { Original: options.original } : {}),
      ...(options.new !== undefined ? { New: options.new } : {}),
      Version: options.version ?? '1.1',
    },
  };
}

/** What the page last put on the clipboard (the context needs clipboard permissions). */
export const readClipboard = (page: Page): Promise<string> => page.evaluate<string>('navigator.clipboard.readText()');

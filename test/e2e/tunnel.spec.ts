import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { startCommand } from '../helpers/commands';
import { startServe, type Served } from '../helpers/serve';

/** Our own localtunnel server, as a user would self-host it: `npm run tunnel-server -- --port N`. */
const startTunnelServer = async (port: number): Promise<ChildProcess> =>
  (await startCommand('tunnel-server', ['--port', String(port)], new RegExp(`:${port}\\b`))).child;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let served: Served | undefined;
let tunnelServer: ChildProcess | undefined;
test.afterAll(async () => {
  tunnelServer?.kill();
  await served?.close();
});

test('the status bar follows the tunnel: online → reconnecting → online, and webhooks arrive through it', async ({ page }) => {
  test.setTimeout(90_000);
  const port = await freePort();
  tunnelServer = await startTunnelServer(port);
  served = await startServe({ tunnelHost: `http://127.0.0.1:${port}` });
  await page.goto(served.uiUrl);
  const indicator = page.getByTestId('tunnel-status');
  await expect(indicator).toHaveAttribute('data-state', 'online', { timeout: 20_000 });

  // A webhook through the public URL is stored like any other.
  const { targetUrl } = await served.call('tunnelStatus');
  const res = await fetch(targetUrl!, {
    method: 'POST',
    body: JSON.stringify({ Id: 'via-tunnel', Entity: 'Lead', Data: { Op: 'delete', Original: { LastName: 'Tunnel' } } }),
  });
  expect(res.status).toBe(200);
  await expect(page.getByTestId('event-row').filter({ hasText: 'Tunnel' })).toBeVisible();

  // The server dies: the indicator says so and counts its retries.
  tunnelServer.kill('SIGKILL');
  await expect(indicator).toHaveAttribute('data-state', 'reconnecting', { timeout: 20_000 });
  await expect(indicator).toContainText('reconnecting');

  // It comes back on the same port: online again, with the same URL, within the 15 s.
  tunnelServer = await startTunnelServer(port);
  await expect(indicator).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  expect((await served.call('tunnelStatus')).targetUrl).toBe(targetUrl);
});

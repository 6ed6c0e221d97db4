import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CSP } from '@shared/csp';
import { defaultDataDir } from '../engine/data-dir';
import { startEngine, type Engine } from '../engine/engine';
import { dispatch } from '../engine/rpc';
import { DataDirInUseError } from '../engine/store/instance-lock';
import { startAutomationServer, type AutomationServer } from '../server/automation';
import { safeStorageBox } from './secret-box';

/*
 * The desktop shell, held to Electron's security checklist: a sandboxed, context-isolated
 * renderer without Node; a CSP; a window that never navigates away from the app; IPC answered
 * only for the app's own page; every permission denied but notifications; no DevTools and no
 * dev-server URL in a packaged app. test/unit/shell/main.test.ts checks each of these.
 */

const here = dirname(fileURLToPath(import.meta.url));
const indexHtml = join(here, '..', 'renderer', 'index.html');
let engine: Engine | undefined;
let automation: AutomationServer | undefined;

// A dev-server URL from the environment is honoured only in development: a packaged app must not
// load whatever page an environment variable names.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** Whether `url` is the app's own page (the built index.html, or the dev server in development). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin;
  return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname) === decodeURIComponent(pathToFileURL(indexHtml).pathname);
}

/** Opens http(s) links in the user's browser; anything else (file:, javascript:, custom schemes) is dropped. */
export function openExternally(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') void shell.openExternal(parsed.href);
}

/** IPC is answered only for the app's own top-level page, never for a frame or a page it navigated to. */
function fromAppPage(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** Applied to every web contents the app creates: the window never leaves the app, and opens nothing. */
function guard(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Maximizer Webhook Inspector',
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would open a link in a new window without asking the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  const off = engine!.bus.onAny((event) => {
    if (!win.isDestroyed()) win.webContents.send('mwi:event', event);
  });
  win.on('closed', off);
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(indexHtml);
}

async function main(): Promise<void> {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guard(contents));
  await app.whenReady();
  engine = await startEngine({
    dataDir: process.env.MWI_DATA_DIR ?? defaultDataDir(),
    mode: 'desktop',
    tunnel: { enabled: process.env.MWI_NO_TUNNEL !== '1', host: process.env.MWI_TUNNEL_HOST },
    secretBox: safeStorageBox(),
  });
  // The automation API on a free port, published in the data folder so `mwi` attaches to this app.
  automation = await startAutomationServer(engine, { port: 0, staticDir: join(here, '..', 'renderer'), kind: 'desktop' });
  const ses = session.defaultSession;
  // The built page carries the same policy as a <meta>; this covers the dev server's pages.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // Desktop notifications for new webhooks are the only permission the page ever needs.
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');

  ipcMain.handle('mwi:call', (event, name: unknown, input: unknown) => {
    if (!fromAppPage(event)) return { ok: false, error: { code: 'unauthorized', message: 'Calls are answered for the app page only' } };
    if (!engine) return { ok: false, error: { code: 'unavailable', message: 'The app is quitting' } };
    return typeof name === 'string' ? dispatch(engine.handlers, name, input) : { ok: false, error: { code: 'bad_request', message: 'call name must be a string' } };
  });
  ipcMain.on('mwi:notify', (event, title: unknown, body: unknown) => {
    if (!fromAppPage(event)) return;
    if (typeof title === 'string' && typeof body === 'string' && Notification.isSupported()) new Notification({ title, body }).show();
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// Quitting waits for the engine to stop: the receiver finishes its commits, the database closes cleanly.
app.on('will-quit', (event) => {
  const running = engine;
  if (!running) return;
  event.preventDefault();
  engine = undefined;
  const api = automation;
  automation = undefined;
  Promise.resolve(api?.close())
    .then(() => running.stop())
    .catch((error: unknown) => console.error('engine did not stop cleanly:', error))
    .finally(() => app.quit());
});

// One app at a time: a second launch brings this window forward and quits. (Browser mode or
// `mwi listen` on the same data folder is refused by the engine's data-folder lock.)
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  main().catch((error: unknown) => {
    console.error('Maximizer Webhook Inspector failed to start:', error);
    if (error instanceof DataDirInUseError) dialog.showErrorBox('Maximizer Webhook Inspector is already running', error.message);
    app.exit(1);
  });
}

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  Notification,
  session,
  shell,
  utilityProcess,
  type IpcMainEvent,
  type WebContents,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CSP } from '@shared/csp';
import { defaultDataDir } from '../../engine/data-dir';
import { EngineProcess, engineForkOptions } from './engine-process';
import { tokenKey } from './secret-box';

/*
 * The desktop shell, held to Electron's security checklist: a sandboxed, context-isolated
 * renderer without Node; a CSP; a window that never navigates away from the app; the engine's
 * port handed only to the app's own page; every permission denied but notifications; no DevTools
 * and no dev-server URL in a packaged app. test/unit/shell/desktop-main.test.ts checks each of these.
 *
 * The engine runs in its own utility process (engine-host/): this process does windows, menus and
 * OS integration only, and each window talks to the engine over a MessagePort of its own.
 */

const here = dirname(fileURLToPath(import.meta.url));
const indexHtml = join(here, '..', 'renderer', 'index.html');
let engine: EngineProcess | undefined;

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
function fromAppPage(event: IpcMainEvent): boolean {
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
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(indexHtml);
}

async function main(): Promise<void> {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guard(contents));
  await app.whenReady();
  const dataDir = process.env.MWI_DATA_DIR ?? defaultDataDir();
  const key = tokenKey(dataDir);
  engine = new EngineProcess({
    fork: () => utilityProcess.fork(join(here, 'engine-host.js'), [], engineForkOptions(process.env)),
    config: {
      dataDir,
      tunnel: { enabled: process.env.MWI_NO_TUNNEL !== '1', host: process.env.MWI_TUNNEL_HOST },
      staticDir: join(here, '..', 'renderer'),
      ...(key ? { secretKey: key.key, secretDescription: key.description } : {}),
    },
    // The windows' ports died with the old process: a reload connects them to the new one.
    onRestart: () => BrowserWindow.getAllWindows().forEach((win) => win.webContents.reload()),
    onGiveUp: (reason) => {
      console.error(`Maximizer Webhook Inspector: ${reason}`);
      app.quit();
    },
    log: (line) => console.error(line),
  });
  // The window opens while the engine starts (a schema upgrade of a large database can take a
  // while): its calls wait in the preload until the page has its port.
  const started = engine.start();
  started.catch(() => {}); // reported below, once the window is up: not an unhandled rejection meanwhile
  const ses = session.defaultSession;
  // The built page carries the same policy as a <meta>; this covers the dev server's pages.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // Desktop notifications for new webhooks are the only permission the page ever needs.
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');

  // Each page load of the app's own page asks for a port to the engine; nothing else gets one.
  ipcMain.on('mwi:connect', (event) => {
    if (!fromAppPage(event) || !engine) return;
    const running = engine;
    void running.ready().then(() => {
      const { port1, port2 } = new MessageChannelMain();
      if (running.connect(port1)) event.sender.postMessage('mwi:port', null, [port2]);
    });
  });
  ipcMain.on('mwi:notify', (event, title: unknown, body: unknown) => {
    if (!fromAppPage(event)) return;
    if (typeof title === 'string' && typeof body === 'string' && Notification.isSupported()) new Notification({ title, body }).show();
  });
  await createWindow();
  await started;
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
  running
    .stop()
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
    // E.g. "the data folder … is in use by another instance": said in a window, not only on a console.
    dialog.showErrorBox('Maximizer Webhook Inspector could not start', (error as Error).message ?? String(error));
    app.exit(1);
  });
}

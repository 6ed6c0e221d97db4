import { app, BrowserWindow, ipcMain, Notification, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../engine/data-dir';
import { startEngine, type Engine } from '../engine/engine';
import { dispatch } from '../engine/rpc';
import { startAutomationServer, type AutomationServer } from '../server/automation';
import { CSP } from '../server/http';
import { safeStorageBox } from './secret-box';

const here = dirname(fileURLToPath(import.meta.url));
let engine: Engine | undefined;
let automation: AutomationServer | undefined;

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
    },
  });
  // Links open in the user's browser, never inside the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url);
    return { action: 'deny' };
  });
  const off = engine!.bus.onAny((event) => {
    if (!win.isDestroyed()) win.webContents.send('mwi:event', event);
  });
  win.on('closed', off);
  if (process.env.ELECTRON_RENDERER_URL) await win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await win.loadFile(join(here, '..', 'renderer', 'index.html'));
}

async function main(): Promise<void> {
  await app.whenReady();
  engine = await startEngine({
    dataDir: process.env.MWI_DATA_DIR ?? defaultDataDir(),
    mode: 'desktop',
    tunnel: { enabled: process.env.MWI_NO_TUNNEL !== '1', host: process.env.MWI_TUNNEL_HOST },
    secretBox: safeStorageBox(),
  });
  // The automation API on a free port, published in the data folder so `mwi` attaches to this app.
  automation = await startAutomationServer(engine, { port: 0, staticDir: join(here, '..', 'renderer'), kind: 'desktop' });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ipcMain.handle('mwi:call', (_event, name: unknown, input: unknown) =>
    typeof name === 'string' ? dispatch(engine!.handlers, name, input) : { ok: false, error: { code: 'bad_request', message: 'call name must be a string' } },
  );
  ipcMain.on('mwi:notify', (_event, title: unknown, body: unknown) => {
    if (typeof title === 'string' && typeof body === 'string' && Notification.isSupported())
      new Notification({ title, body }).show();
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void automation?.close();
  void engine?.stop();
});

main().catch((error: unknown) => {
  console.error('Maximizer Webhook Inspector failed to start:', error);
  app.exit(1);
});

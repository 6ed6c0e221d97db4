import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP } from '../../../electron/server/http';

/*
 * The Electron binary cannot run here, so the shell (electron/main) is loaded against a fake
 * `electron` module that records what the shell asks of it: the window's web preferences,
 * navigation and window-open guards, permission handlers and IPC handlers. The engine is a stub:
 * this is about the window, not about webhooks.
 */

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    packaged: false,
    app: new Map<string, Listener[]>(),
    windows: [] as { options: { webPreferences: Record<string, unknown> }; contents: { on: Map<string, Listener[]>; openHandler?: Listener }; loadURL: ReturnType<typeof Function>; loadFile: ReturnType<typeof Function>; isMinimized(): boolean; restore(): void; show(): void; focus(): void }[],
    ipcHandle: new Map<string, Listener>(),
    ipcOn: new Map<string, Listener>(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    headers: undefined as Listener | undefined,
    opened: [] as string[],
    quit: 0,
    /** Whether requestSingleInstanceLock() wins (false: another copy of the app runs). */
    firstInstance: true,
    focused: 0,
    enginesStarted: 0,
    sandboxed: 0,
    notifications: 0,
    dispatched: [] as string[],
    engineStopped: 0,
    automationClosed: 0,
  };
  return state;
});

vi.mock('electron', () => {
  const on = (map: Map<string, Listener[]>) => (name: string, fn: Listener) => void map.set(name, [...(map.get(name) ?? []), fn]);
  const emit = (map: Map<string, Listener[]>, name: string, ...args: unknown[]) => (map.get(name) ?? []).forEach((fn) => fn(...args));
  const app = {
    get isPackaged() {
      return fake.packaged;
    },
    enableSandbox: () => void fake.sandboxed++,
    on: on(fake.app),
    whenReady: async () => {},
    quit: () => void fake.quit++,
    exit: () => {},
    requestSingleInstanceLock: () => fake.firstInstance,
  };
  class BrowserWindow {
    webContents: { on: (name: string, fn: Listener) => void; setWindowOpenHandler: (fn: Listener) => void; send: () => void };
    loadURL = vi.fn(async () => {});
    loadFile = vi.fn(async () => {});
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const contents = { on: new Map<string, Listener[]>(), openHandler: undefined as Listener | undefined };
      this.webContents = { on: on(contents.on), setWindowOpenHandler: (fn: Listener) => void (contents.openHandler = fn), send: () => {} };
      fake.windows.push({ options, contents, loadURL: this.loadURL, loadFile: this.loadFile, isMinimized: () => true, restore: () => {}, show: () => {}, focus: () => void fake.focused++ });
      // As Electron does for every new page.
      emit(fake.app, 'web-contents-created', {}, this.webContents);
    }
    isDestroyed = () => false;
    on = () => {};
    static getAllWindows = () => fake.windows;
  }
  class Notification {
    static isSupported = () => true;
    show = () => void fake.notifications++;
  }
  return {
    app,
    BrowserWindow,
    Notification,
    dialog: { showErrorBox: () => {} },
    ipcMain: { handle: (c: string, fn: Listener) => void fake.ipcHandle.set(c, fn), on: (c: string, fn: Listener) => void fake.ipcOn.set(c, fn) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Listener) => void (fake.headers = fn) },
        setPermissionRequestHandler: (fn: Listener) => void (fake.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => void (fake.permissionCheck = fn),
      },
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
    safeStorage: { isEncryptionAvailable: () => false },
  };
});

vi.mock('../../../electron/engine/engine', () => ({
  startEngine: async () => (fake.enginesStarted++, {
    // A real call with a valid answer: the dispatcher checks outputs against the contract in tests.
    handlers: { entityVersions: async () => (fake.dispatched.push('entityVersions'), { items: [] }) },
    bus: { onAny: () => () => {} },
    stop: async () => void fake.engineStopped++,
  }),
}));

vi.mock('../../../electron/server/automation', () => ({
  startAutomationServer: async () => ({ port: 1, url: 'http://127.0.0.1:1', token: 't', close: async () => void fake.automationClosed++ }),
}));

const root = resolve(import.meta.dirname, '../../..');
// electron/main/index.ts resolves the page beside its own folder, as the bundle in out/main does.
const appPage = pathToFileURL(join(root, 'electron', 'renderer', 'index.html')).href;

async function loadShell(options: { packaged: boolean; rendererUrl?: string }) {
  fake.packaged = options.packaged;
  if (options.rendererUrl) process.env.ELECTRON_RENDERER_URL = options.rendererUrl;
  else delete process.env.ELECTRON_RENDERER_URL;
  vi.resetModules();
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  const win = fake.windows[0]!;
  const fire = (name: string, url: string) => {
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    (win.contents.on.get(name) ?? []).forEach((fn) => fn(event, url));
    return event.prevented;
  };
  return { win, fire };
}

beforeEach(() => {
  fake.app.clear();
  fake.windows.length = 0;
  fake.ipcHandle.clear();
  fake.ipcOn.clear();
  fake.opened.length = 0;
  fake.dispatched.length = 0;
  Object.assign(fake, { quit: 0, sandboxed: 0, notifications: 0, engineStopped: 0, automationClosed: 0, firstInstance: true, focused: 0, enginesStarted: 0 });
});
afterEach(() => {
  delete process.env.ELECTRON_RENDERER_URL;
});

describe('desktop shell (electron/main) against a fake electron', () => {
  it('opens a sandboxed, context-isolated window without Node, webviews or insecure content', async () => {
    const { win } = await loadShell({ packaged: false });
    expect(fake.sandboxed).toBe(1);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: true,
    });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('puts the CSP browser mode sends into the page, and onto every response', async () => {
    await loadShell({ packaged: false });
    const built = join(root, 'out/renderer/index.html');
    expect(existsSync(built), 'run `npx electron-vite build` first').toBe(true);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(built, 'utf8'));
    expect(meta?.[1]).toBe(CSP);
    let headers: Record<string, string[]> = {};
    fake.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
  });

  it('never navigates away from the app; only parsed http(s) links reach the browser', async () => {
    const { fire, win } = await loadShell({ packaged: false });
    expect(fire('will-navigate', appPage)).toBe(false);
    expect(fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', appPage)).toBe(false);
    expect(fake.opened).toEqual(['https://evil.example/phish']);

    const open = win.contents.openHandler!;
    expect(open({ url: 'https://www.maximizer.com/docs' })).toEqual({ action: 'deny' });
    expect(open({ url: 'smb://attacker/share' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(open({ url: 'not a url' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://evil.example/phish', 'https://www.maximizer.com/docs']);
    const attach = { prevented: false, preventDefault() { this.prevented = true; } };
    (win.contents.on.get('will-attach-webview') ?? []).forEach((fn) => fn(attach));
    expect(attach.prevented).toBe(true);
  });

  it('denies every permission but notifications', async () => {
    await loadShell({ packaged: false });
    const asked = (permission: string) => new Promise((resolve) => fake.permissionRequest!({}, permission, resolve));
    expect(await asked('notifications')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial'])
      expect(await asked(permission)).toBe(false);
    expect(fake.permissionCheck!({}, 'notifications')).toBe(true);
    expect(fake.permissionCheck!({}, 'media')).toBe(false);
  });

  it('answers IPC only for the app page, top frame', async () => {
    await loadShell({ packaged: false });
    const call = fake.ipcHandle.get('mwi:call')!;
    const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    expect(await call(from('https://evil.example/'), 'entityVersions', undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call(from(appPage, { url: appPage }), 'entityVersions', undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call({ senderFrame: null }, 'entityVersions', undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(fake.dispatched).toEqual([]);
    expect(await call(from(appPage), 'entityVersions', undefined)).toMatchObject({ ok: true });
    expect(fake.dispatched).toEqual(['entityVersions']);

    const notify = fake.ipcOn.get('mwi:notify')!;
    notify(from('https://evil.example/'), 'spoofed', 'notification');
    expect(fake.notifications).toBe(0);
    notify(from(appPage), 'New webhook', 'Lead update');
    expect(fake.notifications).toBe(1);
  });

  it('honours ELECTRON_RENDERER_URL and DevTools only in development', async () => {
    const dev = await loadShell({ packaged: false, rendererUrl: 'http://localhost:5173' });
    expect(dev.win.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    expect(dev.fire('will-navigate', 'http://localhost:5173/#/events')).toBe(false);
    fake.windows.length = 0;
    fake.app.clear();
    const packaged = await loadShell({ packaged: true, rendererUrl: 'https://evil.example/' });
    expect(packaged.win.loadURL).not.toHaveBeenCalled();
    expect(packaged.win.loadFile).toHaveBeenCalledWith(expect.stringMatching(/renderer[/\\]index\.html$/));
    expect(packaged.win.options.webPreferences.devTools).toBe(false);
    expect(packaged.fire('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('runs once: a second launch brings the first window forward and quits without an engine', async () => {
    await loadShell({ packaged: false });
    expect(fake.enginesStarted).toBe(1);
    (fake.app.get('second-instance') ?? []).forEach((fn) => fn({}, ['mwi'], '/'));
    expect(fake.focused).toBe(1);

    fake.windows.length = 0;
    fake.app.clear();
    fake.firstInstance = false;
    vi.resetModules();
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.quit).toBe(1));
    expect(fake.enginesStarted).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('quits only once the engine has stopped', async () => {
    await loadShell({ packaged: false });
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    (fake.app.get('will-quit') ?? []).forEach((fn) => fn(event));
    expect(event.prevented).toBe(true);
    expect(fake.quit).toBe(0);
    await vi.waitFor(() => expect(fake.engineStopped).toBe(1));
    expect(fake.automationClosed).toBe(1);
    await vi.waitFor(() => expect(fake.quit).toBe(1));
    // The second will-quit (from that quit) goes through.
    const again = { prevented: false, preventDefault() { this.prevented = true; } };
    (fake.app.get('will-quit') ?? []).forEach((fn) => fn(again));
    expect(again.prevented).toBe(false);
  });
});

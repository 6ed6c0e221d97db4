import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP } from '../../../electron/server/http';

/*
 * The Electron binary cannot run here, so the shell (electron/desktop/main) is loaded against a fake
 * `electron` module that records what the shell asks of it: the window's web preferences,
 * navigation and window-open guards, permission handlers, IPC handlers, and the utility process it
 * runs the engine in. That process is a fake here (engine-host.test.ts runs the real host): this
 * is about the window and the engine's supervision, not about webhooks.
 */

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    packaged: false,
    app: new Map<string, Listener[]>(),
    windows: [] as {
      options: { webPreferences: Record<string, unknown> };
      contents: { on: Map<string, Listener[]>; openHandler?: Listener };
      loadURL: ReturnType<typeof Function>;
      loadFile: ReturnType<typeof Function>;
      webContents: { reload: () => void };
      isMinimized(): boolean;
      restore(): void;
      show(): void;
      focus(): void;
    }[],
    ipcHandle: new Map<string, Listener>(),
    ipcOn: new Map<string, Listener>(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    headers: undefined as Listener | undefined,
    opened: [] as string[],
    quit: 0,
    exited: 0,
    /** Whether requestSingleInstanceLock() wins (false: another copy of the app runs). */
    firstInstance: true,
    focused: 0,
    errorBoxes: [] as string[],
    sandboxed: 0,
    notifications: 0,
    /** Every utility process the shell forked: its entry, what it was sent, and a way to make it exit. */
    children: [] as FakeChild[],
    /** What the next forked child does on `start`: become ready, or fail. */
    childStarts: 'ready' as 'ready' | 'fail' | 'silent',
    reloads: 0,
  };
  return state;
});

interface FakeChild {
  entry: string;
  options: Record<string, unknown>;
  received: { message: { kind: string; config?: Record<string, unknown> }; transfer?: unknown[] }[];
  exit(code: number): void;
  killed: boolean;
}

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
    exit: () => void fake.exited++,
    requestSingleInstanceLock: () => fake.firstInstance,
  };
  class BrowserWindow {
    webContents: { on: (name: string, fn: Listener) => void; setWindowOpenHandler: (fn: Listener) => void; reload: () => void };
    loadURL = vi.fn(async () => {});
    loadFile = vi.fn(async () => {});
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const contents = { on: new Map<string, Listener[]>(), openHandler: undefined as Listener | undefined };
      this.webContents = { on: on(contents.on), setWindowOpenHandler: (fn: Listener) => void (contents.openHandler = fn), reload: () => void fake.reloads++ };
      fake.windows.push({
        options,
        contents,
        loadURL: this.loadURL,
        loadFile: this.loadFile,
        webContents: this.webContents,
        isMinimized: () => true,
        restore: () => {},
        show: () => {},
        focus: () => void fake.focused++,
      });
      // As Electron does for every new page.
      emit(fake.app, 'web-contents-created', {}, this.webContents);
    }
    isDestroyed = () => false;
    on = () => {};
    static getAllWindows = () => fake.windows;
  }
  const utilityProcess = {
    fork: (entry: string, _args: string[], options: Record<string, unknown>) => {
      const events = new Map<string, Listener[]>();
      const child: FakeChild = {
        entry,
        options,
        received: [],
        killed: false,
        exit: (code) => emit(events, 'exit', code),
      };
      const starts = fake.childStarts;
      fake.children.push(child);
      return {
        on: on(events),
        kill: () => ((child.killed = true), setTimeout(() => child.exit(1)), true),
        postMessage: (message: FakeChild['received'][number]['message'], transfer?: unknown[]) => {
          child.received.push({ message, transfer });
          // As the real host does: ready after start, gone after stop.
          if (message.kind === 'start' && starts !== 'silent')
            setTimeout(() => emit(events, 'message', starts === 'ready' ? { kind: 'ready' } : { kind: 'failed', message: 'disk full' }));
          if (message.kind === 'stop') setTimeout(() => child.exit(0));
        },
      };
    },
  };
  class MessageChannelMain {
    port1 = { name: 'to the engine' };
    port2 = { name: 'to the page' };
  }
  class Notification {
    static isSupported = () => true;
    show = () => void fake.notifications++;
  }
  return {
    app,
    BrowserWindow,
    Notification,
    utilityProcess,
    MessageChannelMain,
    dialog: { showErrorBox: (title: string, text: string) => void fake.errorBoxes.push(`${title}: ${text}`) },
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

const root = resolve(import.meta.dirname, '../../..');
// electron/desktop/main/index.ts resolves the page beside its own folder, as the bundle in out/main does.
const appPage = pathToFileURL(join(root, 'electron', 'desktop', 'renderer', 'index.html')).href;

async function loadShell(options: { packaged: boolean; rendererUrl?: string }) {
  fake.packaged = options.packaged;
  if (options.rendererUrl) process.env.ELECTRON_RENDERER_URL = options.rendererUrl;
  else delete process.env.ELECTRON_RENDERER_URL;
  vi.resetModules();
  await import('../../../electron/desktop/main/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  // The shell listens for `activate` once its engine answers.
  if (fake.childStarts === 'ready') await vi.waitFor(() => expect(fake.app.get('activate')).toBeDefined());
  const win = fake.windows[0]!;
  const fire = (name: string, url: string) => {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
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
  fake.children.length = 0;
  fake.errorBoxes.length = 0;
  Object.assign(fake, { quit: 0, exited: 0, sandboxed: 0, notifications: 0, reloads: 0, childStarts: 'ready', firstInstance: true, focused: 0 });
});
afterEach(() => {
  delete process.env.ELECTRON_RENDERER_URL;
});

describe('desktop shell (electron/desktop/main) against a fake electron', () => {
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
    const attach = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
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

  it('hands a port to the engine only to the app page, top frame; notifications likewise', async () => {
    await loadShell({ packaged: false });
    const connect = fake.ipcOn.get('mwi:connect')!;
    const posted: unknown[][] = [];
    const from = (url: string, parent: unknown = null) => ({
      senderFrame: { url, parent },
      sender: { postMessage: (...args: unknown[]) => posted.push(args) },
    });
    const engine = fake.children[0]!;
    const connects = () => engine.received.filter((r) => r.message.kind === 'connect');
    connect(from('https://evil.example/'));
    connect(from(appPage, { url: appPage }));
    connect({ senderFrame: null, sender: { postMessage: (...args: unknown[]) => posted.push(args) } });
    expect(posted).toEqual([]);
    expect(connects()).toEqual([]);
    connect(from(appPage));
    // One channel: the page gets one end, the engine's process the other.
    await vi.waitFor(() => expect(posted).toEqual([['mwi:port', null, [{ name: 'to the page' }]]]));
    expect(connects()).toEqual([{ message: { kind: 'connect' }, transfer: [{ name: 'to the engine' }] }]);

    const notify = fake.ipcOn.get('mwi:notify')!;
    notify(from('https://evil.example/'), 'spoofed', 'notification');
    expect(fake.notifications).toBe(0);
    notify(from(appPage), 'New webhook', 'Lead update');
    expect(fake.notifications).toBe(1);
  });

  it('runs the engine in a utility process of its own, started before the window with the data folder', async () => {
    process.env.MWI_DATA_DIR = '/tmp/mwi-shell-test';
    try {
      await loadShell({ packaged: false });
    } finally {
      delete process.env.MWI_DATA_DIR;
    }
    expect(fake.children).toHaveLength(1);
    const [engine] = fake.children;
    expect(engine!.entry).toMatch(/engine-host\.js$/);
    expect(engine!.received[0]!.message).toMatchObject({ kind: 'start', config: { dataDir: '/tmp/mwi-shell-test', tunnel: { enabled: true } } });
  });

  it('opens the window while the engine starts; the page gets its port once the engine answers', async () => {
    fake.childStarts = 'silent';
    await loadShell({ packaged: false });
    const posted: unknown[][] = [];
    fake.ipcOn.get('mwi:connect')!({ senderFrame: { url: appPage, parent: null }, sender: { postMessage: (...args: unknown[]) => posted.push(args) } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posted).toEqual([]);
  });

  it('starts the engine again when its process dies, and reconnects the window', async () => {
    await loadShell({ packaged: false });
    fake.children[0]!.exit(139);
    await vi.waitFor(() => expect(fake.children).toHaveLength(2));
    expect(fake.children[1]!.received[0]!.message.kind).toBe('start');
    await vi.waitFor(() => expect(fake.reloads).toBe(1));
    expect(fake.quit).toBe(0);
  });

  it('gives up and quits when the engine keeps dying', async () => {
    await loadShell({ packaged: false });
    for (let crash = 0; crash < 4; crash++) {
      const count = fake.children.length;
      fake.children.at(-1)!.exit(139);
      if (crash < 3) await vi.waitFor(() => expect(fake.children.length).toBe(count + 1));
      await vi.waitFor(() => expect(fake.reloads + fake.quit).toBe(crash + 1));
    }
    expect(fake.children).toHaveLength(4);
    expect(fake.quit).toBe(1);
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
    expect(fake.children).toHaveLength(1);
    (fake.app.get('second-instance') ?? []).forEach((fn) => fn({}, ['mwi'], '/'));
    expect(fake.focused).toBe(1);

    fake.windows.length = 0;
    fake.app.clear();
    fake.firstInstance = false;
    vi.resetModules();
    await import('../../../electron/desktop/main/index');
    await vi.waitFor(() => expect(fake.quit).toBe(1));
    expect(fake.children).toHaveLength(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('says in a dialog why the engine could not start (a data folder in use, say), and exits', async () => {
    fake.childStarts = 'fail';
    vi.resetModules();
    await import('../../../electron/desktop/main/index');
    await vi.waitFor(() => expect(fake.exited).toBe(1));
    expect(fake.errorBoxes).toEqual([expect.stringMatching(/could not start: .*disk full/)]);
    // The window had opened while the engine started; the dialog says why it stays empty.
    expect(fake.windows).toHaveLength(1);
  });

  it('quits only once the engine has stopped', async () => {
    await loadShell({ packaged: false });
    const engine = fake.children[0]!;
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    (fake.app.get('will-quit') ?? []).forEach((fn) => fn(event));
    expect(event.prevented).toBe(true);
    expect(fake.quit).toBe(0);
    expect(engine.received.at(-1)!.message).toEqual({ kind: 'stop' });
    await vi.waitFor(() => expect(fake.quit).toBe(1));
    // A clean stop is not a crash: no second engine.
    expect(fake.children).toHaveLength(1);
    // The second will-quit (from that quit) goes through.
    const again = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    (fake.app.get('will-quit') ?? []).forEach((fn) => fn(again));
    expect(again.prevented).toBe(false);
  });
});

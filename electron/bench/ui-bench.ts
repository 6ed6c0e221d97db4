import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtMwi } from './built-mwi';
import { cliBench } from './cli-bench';
import { runLoad, samplePayload } from './load';
import { seededDataDir } from './seed';
import { openStore } from '../engine/store';
import { pruneLimits, retentionSettings } from '../engine/inspector/service';

export interface Served {
  pid: number;
  baseUrl: string;
  uiUrl: string;
  token: string;
  receiverUrl: string;
  stop(): Promise<void>;
}

export async function serve(dataDir: string): Promise<Served> {
  // As a user starts it: `serve` itself restarts with the engine's memory settings
  // (electron/engine/process-tuning.ts), in place, so this pid is the engine's.
  const child = spawn(process.execPath, [builtMwi, 'serve', '--data-dir', dataDir, '--port', '0', '--receiver-port', '0', '--no-tunnel'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (/Receiver:/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const uiUrl = /UI:\s+(\S+)/.exec(out)![1]!;
  return {
    pid: child.pid!,
    uiUrl,
    baseUrl: new URL(uiUrl).origin,
    token: new URL(uiUrl).searchParams.get('token')!,
    receiverUrl: /Receiver:\s+(\S+)/.exec(out)![1]!,
    stop: () => new Promise((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))),
  };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function timedCall(s: Served, name: string, input: unknown): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${s.baseUrl}/api/rpc/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  await res.json();
  if (!res.ok) throw new Error(`${name} → ${res.status}`);
  return performance.now() - started;
}

type Browser = Awaited<ReturnType<(typeof import('@playwright/test'))['chromium']['launch']>>;

/** Runs `use` with Debian's Chromium; null when Playwright is not installed. */
async function withChromium<T>(use: (browser: Browser) => Promise<T>): Promise<T | null> {
  let chromium;
  try {
    ({ chromium } = await import('@playwright/test'));
  } catch {
    return null;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** Where one navigation's time went, from the page's own clocks (ms since navigation start). */
export interface PaintTrace {
  /** Navigation → the first frame painted with a row in it, by the page's own clock (the figure held to the target). */
  painted: number;
  /** Navigation → Playwright saw the first row visible, timed from the bench's process (adds its polling and round trips). */
  total: number;
  /** The HTML answered (responseEnd of the document). */
  html: number;
  /** Scripts parsed and run: DOMContentLoaded ended (module scripts run before it). */
  scripts: number;
  /** The first listEvents: sent, answered. */
  listSent: number | null;
  listAnswered: number | null;
  /** The first row in the DOM, seen by a MutationObserver started before any script. */
  rowInDom: number | null;
}

// The page says when it has painted (a console message): polling for it with Playwright would run
// Playwright's injected script on the page's main thread while the page loads, and time that too.
const PAINTED_MESSAGE = 'mwi-bench: first row painted';

// The frame that shows the row is painted after the animation frame callbacks run and before the
// next task: a timeout queued from requestAnimationFrame runs right after that paint.
const TRACE_SCRIPT = `
  window.__mwiRow = null;
  window.__mwiRowPainted = null;
  new MutationObserver((_, obs) => {
    if (!document.querySelector('[data-testid="event-row"]')) return;
    window.__mwiRow = performance.now();
    obs.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__mwiRowPainted = performance.now(); console.debug('${PAINTED_MESSAGE}'); }, 0));
  }).observe(document, { childList: true, subtree: true });
`;

async function traceOf(page: Awaited<ReturnType<Browser['newPage']>>, total: number): Promise<PaintTrace> {
  // A string: this file is compiled without the DOM's types.
  const t = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const list = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/rpc/listEvents'));
    return { painted: window.__mwiRowPainted, html: nav.responseEnd, scripts: nav.domContentLoadedEventEnd, listSent: list ? list.requestStart : null, listAnswered: list ? list.responseEnd : null, rowInDom: window.__mwiRow };
  })()`)) as Omit<PaintTrace, 'total'>;
  return { total, ...t };
}

/**
 * Opens the UI in Debian's Chromium and times navigation → first event row visible. The first
 * navigation is cold (an engine that has not read the list yet, a browser context with an empty
 * cache); the next three reuse the context, as a reload does (hashed assets come from its cache).
 */
async function firstPaint(s: Served): Promise<{ cold: PaintTrace; warm: PaintTrace[] } | null> {
  return withChromium(async (browser) => {
    const context = await browser.newContext();
    await context.addInitScript(TRACE_SCRIPT);
    const traces: PaintTrace[] = [];
    for (let i = 0; i < 4; i++) {
      const page = await context.newPage();
      const painted = page.waitForEvent('console', { predicate: (m) => m.text() === PAINTED_MESSAGE, timeout: 30_000 });
      const started = performance.now();
      await page.goto(s.uiUrl, { waitUntil: 'commit' });
      await painted;
      await page.locator('[data-testid="event-row"]').first().waitFor({ state: 'visible', timeout: 30_000 });
      traces.push(await traceOf(page, performance.now() - started));
      await page.close();
    }
    await context.close();
    return { cold: traces[0]!, warm: traces.slice(1) };
  });
}

const ms = (n: number | null) => (n === null ? '?' : `${n.toFixed(0)}`);
const traceLine = (t: PaintTrace) =>
  `${t.painted.toFixed(0)} ms (HTML ${ms(t.html)}, scripts run ${ms(t.scripts)}, listEvents ${ms(t.listSent)}→${ms(t.listAnswered)}, row in DOM ${ms(t.rowInDom)}; Playwright saw it at ${t.total.toFixed(0)})`;

/** The JS and CSS a first window load fetches (the entry and its modulepreloads), raw and gzipped. */
export function initialAssets(rendererDir: string): { js: number; jsGzip: number; css: number; cssGzip: number; files: number } {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(js|css))"/g)];
  const total = { js: 0, jsGzip: 0, css: 0, cssGzip: 0, files: refs.length };
  for (const [, file, ext] of refs) {
    const bytes = readFileSync(join(rendererDir, file!));
    total[ext as 'js' | 'css'] += bytes.length;
    total[`${ext as 'js' | 'css'}Gzip`] += gzipSync(bytes, { level: 9 }).length;
  }
  return total;
}

/** Times navigation to the Shapes tab with a shape open → its field table painted (median of 3). */
async function shapesPaint(s: Served, shapeId: number): Promise<number | null> {
  return withChromium(async (browser) => {
    const page = await browser.newPage();
    await page.goto(s.uiUrl);
    await page.locator('[data-testid="statusbar"]').waitFor();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate("window.location.hash = '/events'");
      await page.locator('[data-testid="event-row"]').first().waitFor();
      // In-app navigation, as a user clicks the tab: the view mounts, asks for the shapes and one shape, and paints.
      const started = performance.now();
      await page.evaluate(`window.location.hash = '/shapes/${shapeId}'`);
      await page.locator('[data-testid="shape-field"]').first().waitFor({ state: 'visible', timeout: 30_000 });
      times.push(performance.now() - started);
    }
    return median(times);
  });
}

/** One retention pass over the stored events with the default limits, as the engine runs it; its own connection. */
function retentionPass(dataDir: string): number {
  const store = openStore(join(dataDir, 'inspector.db'));
  try {
    const limits = retentionSettings.parse({});
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      store.events.prune(pruneLimits(limits, Date.now()));
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    store.close();
  }
}

export async function rpc<T>(s: Served, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${s.baseUrl}/api/rpc/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name} → ${res.status}`);
  return (await res.json()) as T;
}

export const SEARCHES = ['Hopper', 'Presentation', 'Vancouver Lovelace', 'bench-123457', 'nomatchword'];

export async function uiBench(counts: number[], log: (line: string) => void): Promise<void> {
  const assets = initialAssets(join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'));
  log(`\n## Renderer: what the first window load fetches (${assets.files} files)`);
  log(
    `  JS ${(assets.js / 1024).toFixed(0)} kB (gzip ${(assets.jsGzip / 1024).toFixed(0)} kB), CSS ${(assets.css / 1024).toFixed(0)} kB (gzip ${(assets.cssGzip / 1024).toFixed(0)} kB)`,
  );
  for (const count of counts) {
    log(`\n## UI and search with ${count.toLocaleString()} stored events`);
    const dataDir = seededDataDir(count, log);
    const newest = (() => {
      const store = openStore(join(dataDir, 'inspector.db'), { readonly: true });
      try {
        return store.events.list({ limit: 1 }).items[0]!.id;
      } finally {
        store.close();
      }
    })();
    cliBench(dataDir, newest, false, log);
    const s = await serve(dataDir);
    try {
      cliBench(dataDir, newest, true, log);
      log(`  engine RSS at idle: ${rssMb(s.pid).toFixed(0)} MB`);
      const paint = await firstPaint(s);
      if (paint === null) log('  first list paint: skipped (no Playwright)');
      else {
        log(`  first list paint, cold (Chromium, navigation → first frame with a row): ${traceLine(paint.cold)} (target < 400 ms)`);
        log(
          `  first list paint, reload (median of ${paint.warm.length}): ${median(paint.warm.map((t) => t.painted)).toFixed(0)} ms; e.g. ${traceLine(paint.warm[paint.warm.length - 1]!)}`,
        );
      }
      const pages: number[] = [];
      for (let i = 0; i < 3; i++) pages.push(await timedCall(s, 'listEvents', { limit: 100 }));
      const firstPage = median(pages);
      log(`  listEvents first page (100 rows, over HTTP): ${firstPage.toFixed(1)} ms`);
      const searchTimes: string[] = [];
      let worst = 0;
      for (const text of SEARCHES) {
        await timedCall(s, 'listEvents', { text, limit: 100 }); // warm
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) runs.push(await timedCall(s, 'listEvents', { text, limit: 100 }));
        const t = median(runs);
        worst = Math.max(worst, t);
        searchTimes.push(`"${text}" ${t.toFixed(1)} ms`);
      }
      log(`  full-text search (first page, median of 3): ${searchTimes.join(', ')} — worst ${worst.toFixed(1)} ms (target < 100 ms)`);
      log(`  engine RSS after full-text searches: ${rssMb(s.pid).toFixed(0)} MB (target < 150 MB)`);
      log(`  retention pass with the default limits (runs every minute on the engine's thread): ${retentionPass(dataDir).toFixed(1)} ms (median of 3)`);

      // The Shapes view at this size: its calls, then Chromium's paint of one shape's field tree.
      const shapes = await rpc<{ items: { id: number; events: number }[] }>(s, 'listShapes', {});
      const biggest = shapes.items.reduce((a, b) => (b.events > a.events ? b : a));
      const listTimes: number[] = [];
      const getTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        listTimes.push(await timedCall(s, 'listShapes', {}));
        getTimes.push(await timedCall(s, 'getShape', { id: biggest.id }));
      }
      const shapesPaintMs = await shapesPaint(s, biggest.id);
      log(
        `  Shapes view: listShapes ${median(listTimes).toFixed(1)} ms, getShape ${median(getTimes).toFixed(1)} ms (${shapes.items.length} shapes, ` +
          `${biggest.events.toLocaleString()} events in the largest); open in Chromium: ${shapesPaintMs === null ? 'skipped' : `${shapesPaintMs.toFixed(0)} ms`} (target < 200 ms)`,
      );

      // Acks while the UI hammers the engine with searches: the receiver's thread must not care.
      let searching = true;
      let searches = 0;
      const searchLoop = (async () => {
        for (let i = 0; searching; i++) {
          await timedCall(s, 'listEvents', { text: SEARCHES[i % SEARCHES.length], limit: 200 });
          await timedCall(s, 'listEvents', { hasField: 'Address', entity: 'Lead', limit: 200 });
          searches += 2;
        }
      })();
      let n = 0;
      const load = await runLoad(s.receiverUrl, () => samplePayload(count * 10 + n++), 32, 5);
      searching = false;
      await searchLoop;
      log(
        `  ack while searching (${searches} searches ran): p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms, ${load.rps.toFixed(0)} req/s (target p99 < 50 ms)`,
      );
      log(`  engine RSS after load: ${rssMb(s.pid).toFixed(0)} MB (target < 150 MB)`);
    } finally {
      await s.stop();
    }
  }
}

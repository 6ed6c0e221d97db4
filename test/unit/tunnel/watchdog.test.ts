import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/engine/tunnel/clock';
import { TunnelWatchdog, type WatchdogState } from '../../../electron/engine/tunnel/watchdog';

/** Timers that run only when the test advances time. */
class FakeClock implements Clock {
  t = 1_700_000_000_000;
  private next = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.next;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
    await new Promise((r) => setImmediate(r));
  }
}

function watchdogWith(fetch: typeof globalThis.fetch, clock = new FakeClock()) {
  const states: WatchdogState[] = [];
  const watchdog = new TunnelWatchdog({
    host: 'http://tunnel.invalid/',
    subdomain: 'mwi-brave-otter-4821',
    localPort: 1,
    clock,
    random: () => 0.5,
    fetch,
    openTimeoutMs: 5_000,
    probe: false,
  });
  watchdog.on('change', (s: WatchdogState) => states.push(s));
  return { watchdog, states, clock };
}

describe('tunnel watchdog (simulated time)', () => {
  it('retries the same subdomain with capped exponential backoff while the server is unreachable', async () => {
    const urls: string[] = [];
    const { watchdog, states, clock } = watchdogWith(async (url) => {
      urls.push(String(url));
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    watchdog.start();
    expect(states[0]).toMatchObject({ state: 'connecting' });
    await clock.advance(60_000);

    const waits = states.filter((s) => s.state === 'reconnecting' && s.nextRetryAt).map((s) => s as Extract<WatchdogState, { state: 'reconnecting' }>);
    expect(waits.slice(0, 7).map((s) => s.nextRetryAt! - s.since)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(waits.map((s) => s.attempt).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(waits[0]!.lastError).toMatch(/Cannot reach the tunnel server http:\/\/tunnel\.invalid: ECONNREFUSED/);
    expect(new Set(urls)).toEqual(new Set(['http://tunnel.invalid/mwi-brave-otter-4821']));
    watchdog.stop();
  });

  it('gives up an opening that never settles after the timeout, aborting it', async () => {
    const signals: AbortSignal[] = [];
    const { watchdog, clock } = watchdogWith((_url, init) => {
      signals.push(init!.signal!);
      return new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    watchdog.start();
    await clock.advance(4_999);
    expect(watchdog.state.state).toBe('connecting');
    await clock.advance(1);
    expect(watchdog.state).toMatchObject({ state: 'reconnecting', attempt: 1, lastError: 'Opening the tunnel timed out after 5s' });
    expect(signals[0]!.aborted).toBe(true);
    watchdog.stop();
  });

  it('stops retrying when the server rejects the request outright, until asked to reconnect', async () => {
    let calls = 0;
    const { watchdog, clock } = watchdogWith(async () => {
      calls++;
      return new Response(JSON.stringify({ message: 'Invalid subdomain.' }), { status: 403 });
    });
    watchdog.start();
    await clock.advance(120_000);
    expect(watchdog.state).toMatchObject({ state: 'offline', reason: 'The tunnel server refused (403): Invalid subdomain.' });
    expect(calls).toBe(1);

    watchdog.reconnect();
    expect(watchdog.state.state).toBe('connecting');
    await clock.advance(10);
    expect(calls).toBe(2);
    watchdog.stop();
    expect(watchdog.state).toMatchObject({ state: 'disabled', reason: 'stopped' });
  });

  it('keeps retrying a subdomain held by someone else (409), as it may be its own stale connection', async () => {
    const { watchdog, clock } = watchdogWith(async () => new Response(JSON.stringify({ message: 'in use' }), { status: 409 }));
    watchdog.start();
    await clock.advance(2_500); // failed at 0 s and, after a 1 s wait, at 1 s
    expect(watchdog.state).toMatchObject({ state: 'reconnecting', attempt: 2, nextRetryAt: clock.t + 500 });
    expect((watchdog.state as { lastError: string }).lastError).toMatch(/409.*in use/);
    watchdog.stop();
  });
});

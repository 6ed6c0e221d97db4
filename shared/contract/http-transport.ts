import type { Invoke, Subscribe } from './client';
import { ApiError } from './api-error';
import type { EngineEvent } from './index';

export interface HttpTransportOptions {
  /** Origin of the automation API (`http://127.0.0.1:5190`); '' for the page's own origin. */
  baseUrl: string;
  token: string;
  /** Told whenever the event stream connects (true) or drops (false). */
  onConnection?: (connected: boolean) => void;
}

export interface HttpTransport {
  invoke: Invoke;
  subscribe: Subscribe;
  /** Resolves once the event stream is connected (events after this are not missed). */
  ready(): Promise<void>;
  /** Ends the event stream for good (a command-line client that is done). */
  close(): void;
}

/**
 * The automation API over HTTP: `POST /api/rpc/<call>` and the server-sent events of
 * `/api/events`, read with fetch because EventSource cannot send the Authorization header.
 * Used by the browser-mode UI and by `mwi` when it attaches to a running app. The stream
 * starts with the first subscriber and reconnects with backoff until closed.
 */
export function httpTransport(options: HttpTransportOptions): HttpTransport {
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  const listeners = new Set<(event: EngineEvent) => void>();
  const abort = new AbortController();
  let started = false;
  let connected = false;
  let waiting: (() => void)[] = [];

  const setConnected = (up: boolean) => {
    connected = up;
    if (up) (waiting.forEach((w) => w()), (waiting = []));
    options.onConnection?.(up);
  };

  const invoke: Invoke = async (name, input) => {
    const res = await fetch(`${options.baseUrl}/api/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}), signal: abort.signal });
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return body;
    throw ApiError.fromBody((body as { error?: unknown } | null)?.error, `HTTP ${res.status}`);
  };

  async function stream(): Promise<void> {
    for (let delay = 500; !abort.signal.aborted; delay = Math.min(delay * 2, 10_000)) {
      try {
        const res = await fetch(`${options.baseUrl}/api/events`, { headers, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        delay = 500;
        setConnected(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (!data) continue;
            const event = JSON.parse(data) as EngineEvent;
            listeners.forEach((l) => l(event));
          }
        }
      } catch {
        // fall through to reconnect
      }
      if (abort.signal.aborted) return;
      if (connected) setConnected(false);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  const start = () => {
    if (started) return;
    started = true;
    void stream();
  };

  return {
    invoke,
    subscribe(listener) {
      start();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready() {
      start();
      return connected ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      abort.abort();
      listeners.clear();
    },
  };
}

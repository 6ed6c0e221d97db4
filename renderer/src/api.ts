import { createBridge, type Bridge, type Invoke, type Subscribe } from '@shared/contract/client';
import type { EngineEvent } from '@shared/contract';

/** The desktop preload's bridge, when running inside Electron. */
interface DesktopBridge {
  invoke(name: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>;
  subscribe(listener: (event: unknown) => void): () => void;
  notify(title: string, body: string): void;
}

declare global {
  interface Window {
    mwi?: DesktopBridge;
  }
}

export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function desktopTransport(bridge: DesktopBridge): [Invoke, Subscribe] {
  const invoke: Invoke = async (name, input) => {
    const answer = await bridge.invoke(name, input);
    if (answer.ok) return answer.result;
    throw new CallError(answer.error.code, answer.error.message);
  };
  return [invoke, (listener) => bridge.subscribe((event) => listener(event as EngineEvent))];
}

/** Browser mode: the token arrives once in `?token=`, then lives in sessionStorage only. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('mwi.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem('mwi.token') ?? '';
}

function browserTransport(): [Invoke, Subscribe] {
  const token = browserToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const invoke: Invoke = async (name, input) => {
    const res = await fetch(`/api/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return body;
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new CallError(error?.code ?? 'internal', error?.message ?? `HTTP ${res.status}`);
  };
  const listeners = new Set<(event: EngineEvent) => void>();
  // fetch-based SSE, because EventSource cannot send the Authorization header.
  const connect = async (): Promise<void> => {
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      try {
        const res = await fetch('/api/events', { headers });
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        delay = 500;
        streamUp = true;
        connectionListeners.forEach((l) => l(true));
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
      streamUp = false;
      connectionListeners.forEach((l) => l(false));
      await new Promise((r) => setTimeout(r, delay));
    }
  };
  void connect();
  return [
    invoke,
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  ];
}

const connectionListeners = new Set<(connected: boolean) => void>();
let streamUp = false;
/** Whether live events currently reach this UI (always true over desktop IPC). */
export const isStreamConnected = (): boolean => isDesktop || streamUp;
/** Browser mode only: whether the event stream is connected (desktop IPC always is). */
export const onStreamConnection = (listener: (connected: boolean) => void) => {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
};

export const isDesktop = typeof window !== 'undefined' && !!window.mwi;
const [invoke, subscribe] = window.mwi ? desktopTransport(window.mwi) : browserTransport();
export const bridge: Bridge = createBridge(invoke, subscribe);
export const api = bridge.api;
export const onEvent = bridge.on;

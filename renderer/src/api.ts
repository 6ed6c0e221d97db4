import { createBridge, type Bridge, type Invoke, type Subscribe } from '@shared/contract/client';
import type { EngineEvent } from '@shared/contract';
import { httpTransport } from '@shared/contract/http-transport';
import { desktopInvoke, type DesktopInvoke } from './transport';

/** The desktop preload's bridge, when running inside Electron. */
interface DesktopBridge extends DesktopInvoke {
  subscribe(listener: (event: unknown) => void): () => void;
  notify(title: string, body: string): void;
}

declare global {
  interface Window {
    mwi?: DesktopBridge;
  }
}

function desktopTransport(bridge: DesktopBridge): [Invoke, Subscribe] {
  return [desktopInvoke(bridge), (listener) => bridge.subscribe((event) => listener(event as EngineEvent))];
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
  const transport = httpTransport({
    baseUrl: '',
    token: browserToken(),
    onConnection: (connected) => {
      streamUp = connected;
      connectionListeners.forEach((l) => l(connected));
    },
  });
  void transport.ready();
  return [transport.invoke, transport.subscribe];
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

import { createBridge, type Invoke, type Subscribe } from '@shared/contract/client';
import type { EngineEvent } from '@shared/contract';
import { httpTransport } from '@shared/contract/http-transport';
import { desktopInvoke, type DesktopInvoke } from './transport';
import type { DataBridge } from './store/bridge';

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

export const isDesktop = typeof window !== 'undefined' && !!window.mwi;

function desktopBridge(bridge: DesktopBridge): DataBridge {
  const subscribe: Subscribe = (listener) => bridge.subscribe((event) => listener(event as EngineEvent));
  return { ...createBridge(desktopInvoke(bridge), subscribe), streamConnected: () => true, onStreamConnection: () => () => undefined };
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

function browserBridge(): DataBridge {
  const listeners = new Set<(connected: boolean) => void>();
  let up = false;
  const transport = httpTransport({
    baseUrl: '',
    token: browserToken(),
    onConnection: (connected) => {
      up = connected;
      listeners.forEach((l) => l(connected));
    },
  });
  void transport.ready();
  const invoke: Invoke = transport.invoke;
  return {
    ...createBridge(invoke, transport.subscribe),
    streamConnected: () => up,
    onStreamConnection(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The real engine bridge for this page: Electron IPC in the desktop window, HTTP + SSE in browser mode. Called once, by main.tsx. */
export function connectBridge(): DataBridge {
  return window.mwi ? desktopBridge(window.mwi) : browserBridge();
}

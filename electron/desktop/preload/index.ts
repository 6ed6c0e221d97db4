import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole desktop bridge: contract calls and engine events over a MessagePort to the engine's
 * own process (the main process hands it to the app's page only), and notifications through the
 * main process. The typed API is built on top of these in the renderer (shared/contract/client.ts).
 * Calls made before the port arrives wait for it.
 */
type Answer = unknown;
/** The page's MessagePort (a DOM one: this file is type-checked with Node's types, so declared here). */
interface PagePort {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: { id?: number; answer?: Answer; event?: unknown } | null }) => void) | null;
}
let port: PagePort | null = null;
let nextId = 0;
const waiting = new Map<number, (answer: Answer) => void>();
const queued: unknown[] = [];
const listeners = new Set<(event: unknown) => void>();

ipcRenderer.on('mwi:port', (event) => {
  const received = event.ports[0] as unknown as PagePort | undefined;
  if (!received) return;
  port = received;
  received.onmessage = ({ data }) => {
    if (typeof data?.id === 'number') {
      waiting.get(data.id)?.(data.answer);
      waiting.delete(data.id);
    } else if (data && 'event' in data) listeners.forEach((listener) => listener(data.event));
  };
  for (const message of queued.splice(0)) received.postMessage(message);
});
ipcRenderer.send('mwi:connect');

contextBridge.exposeInMainWorld('mwi', {
  invoke: (name: string, input: unknown): Promise<Answer> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      const message = { id, name, input };
      if (port) port.postMessage(message);
      else queued.push(message);
    }),
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  notify: (title: string, body: string): void => ipcRenderer.send('mwi:notify', title, body),
});

import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole desktop bridge: one call channel and one event channel. The typed API
 * is built on top of these in the renderer (shared/contract/client.ts).
 */
contextBridge.exposeInMainWorld('mwi', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('mwi:call', name, input),
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on('mwi:event', handler);
    return () => ipcRenderer.off('mwi:event', handler);
  },
  notify: (title: string, body: string): void => ipcRenderer.send('mwi:notify', title, body),
});

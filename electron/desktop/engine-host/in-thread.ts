import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { HostConfig, PortMessage } from './protocol';

/*
 * The built engine host (out/main/engine-host.js) in a worker thread instead of an Electron utility
 * process: a few lines give it the `process.parentPort` and MessagePortMain shapes Electron would,
 * over worker_threads. The Electron binary cannot run everywhere (CI), so this is how the tests and
 * the bench run the desktop app's real engine process: its own event loop, reached only by messages.
 */
const bootstrap = `
const { parentPort, workerData } = require('node:worker_threads');
const asMain = (port) => ({
  on: (event, listener) => (event === 'message' ? port.on('message', (data) => listener({ data })) : port.on(event, listener)),
  postMessage: (message) => port.postMessage(message),
  start: () => port.start(),
});
process.parentPort = {
  on: (event, listener) => parentPort.on('message', ({ data, ports }) => listener({ data, ports: (ports ?? []).map(asMain) })),
  postMessage: (message) => parentPort.postMessage(message),
};
import(workerData.entry);
`;

export interface HostAnswer {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

export interface HostInThread {
  /** A window's view: one contract call over the port, answered with the dispatcher's body. */
  call(name: string, input?: unknown): Promise<HostAnswer>;
  /** Anything on the window's port, as is (tests send garbage this way). */
  post(message: unknown): void;
  events: { name: string; payload: unknown }[];
  /** Asks the host to stop, as the main process does on quit; resolves with the thread's exit code. */
  stop(): Promise<number>;
  terminate(): Promise<number>;
}

export async function startHostInThread(entry: string, config: HostConfig, readyTimeoutMs = 30_000): Promise<HostInThread> {
  const worker = new Worker(bootstrap, { eval: true, workerData: { entry } });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the engine host did not become ready')), readyTimeoutMs);
    worker.on('message', (message: { kind?: string; message?: string }) => {
      if (message.kind === 'ready') (clearTimeout(timer), resolve());
      if (message.kind === 'failed') (clearTimeout(timer), reject(new Error(message.message)));
    });
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`the engine host exited (${code}) before it was ready`))));
    worker.postMessage({ data: { kind: 'start', config } });
  });
  const { port1, port2 } = new MessageChannel();
  const page: MessagePort = port2;
  const waiting = new Map<number, (answer: HostAnswer) => void>();
  const events: HostInThread['events'] = [];
  page.on('message', (message: PortMessage) => {
    if ('id' in message) {
      waiting.get(message.id)?.(message.answer as HostAnswer);
      waiting.delete(message.id);
    } else events.push(message.event as { name: string; payload: unknown });
  });
  worker.postMessage({ data: { kind: 'connect' }, ports: [port1] }, [port1]);
  let nextId = 0;
  return {
    call: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        page.postMessage({ id, name, input });
      }),
    post: (message) => page.postMessage(message),
    events,
    stop: () => {
      worker.postMessage({ data: { kind: 'stop' } });
      return exited.finally(() => page.close());
    },
    terminate: async () => {
      page.close();
      return worker.terminate();
    },
  };
}

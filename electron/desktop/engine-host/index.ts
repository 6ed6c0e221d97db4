import { keyBox } from '../../engine/connection/token-store';
import { startEngine, type Engine } from '../../engine/engine';
import { dispatch } from '../../engine/rpc';
import { startAutomationServer, type AutomationServer } from '../../server/automation';
import { portCall, toHost, type FromHost, type HostConfig, type PortMessage } from './protocol';

/*
 * The engine's process in the desktop app (an Electron utility process): the engine, its receiver
 * thread and the automation API, so that SQLite's synchronous work (exports, 1M-row queries,
 * retention) never blocks the process that drives the windows. It imports nothing from `electron`:
 * `process.parentPort` is the one Electron API a utility process has, and it is a global.
 */

/** The part of Electron's MessagePortMain this host uses. */
interface Port {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown; ports: Port[] }) => void): void;
  postMessage(message: FromHost): void;
}

const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;
let engine: Engine | undefined;
let automation: AutomationServer | undefined;
let stopping = false;

async function start(config: HostConfig): Promise<void> {
  engine = await startEngine({
    dataDir: config.dataDir,
    mode: 'desktop',
    tunnel: config.tunnel,
    secretBox: config.secretKey ? keyBox(Buffer.from(config.secretKey, 'base64'), config.secretDescription ?? 'encrypted by the system keychain') : undefined,
  });
  // The automation API on a free port, published in the data folder so `mwi` attaches to this app.
  automation = await startAutomationServer(engine, { port: 0, staticDir: config.staticDir, kind: 'desktop' });
}

/** One window: contract calls in, answers and engine events out, until the window's page goes away. */
function serveWindow(port: Port): void {
  const running = engine;
  if (!running) return;
  const send = (message: PortMessage) => port.postMessage(message);
  port.on('message', ({ data }) => {
    const call = portCall.safeParse(data);
    if (!call.success) return; // not a call: nothing to answer, and no id to answer to
    void Promise.resolve(dispatch(running.handlers, call.data.name, call.data.input)).then((answer) => send({ id: call.data.id, answer }));
  });
  const off = running.bus.onAny((event) => send({ event }));
  port.on('close', off);
  port.start();
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // The receiver finishes its commits and the database closes cleanly before the process ends.
  await automation?.close();
  await engine?.stop();
  process.exit(0);
}

if (!parent) {
  console.error('engine-host runs as an Electron utility process (the desktop app starts it)');
  process.exit(2);
}
parent.on('message', ({ data, ports }) => {
  const message = toHost.safeParse(data);
  if (!message.success) return;
  switch (message.data.kind) {
    case 'start':
      start(message.data.config).then(
        () => parent.postMessage({ kind: 'ready' }),
        (error: unknown) => {
          parent.postMessage({ kind: 'failed', message: (error as Error).stack ?? String(error) });
          process.exit(1);
        },
      );
      break;
    case 'connect':
      if (ports[0]) serveWindow(ports[0]);
      break;
    case 'stop':
      void stop();
      break;
  }
});

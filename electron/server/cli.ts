import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveCli } from './cli-flags';
import { defaultDataDir } from '../engine/data-dir';
import { startEngine } from '../engine/engine';
import { chooseApiToken } from './api-token';
import { startAutomationServer } from './automation';
import { findInstance, instanceLabel } from './instance';
import { keepServingOnBugs } from '../engine/http-guard';
import { DataDirInUseError } from '../engine/store/instance-lock';

export { DEFAULT_RECEIVER_PORT, DEFAULT_UI_PORT } from './cli-flags';

async function main(): Promise<void> {
  const parsed = serveCli.parseOrExit(process.argv.slice(2));
  if (!parsed) return;
  const dataDir = resolve(parsed['data-dir'] ?? defaultDataDir());
  let token: string;
  try {
    const chosen = chooseApiToken(parsed);
    if (chosen.warning) console.error(`Warning: ${chosen.warning}`);
    token = chosen.token;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const running = await findInstance(dataDir);
  if (running) {
    console.error(`Already running on ${dataDir}: ${instanceLabel(running)}. One receiver per data folder: stop it, or choose another --data-dir.`);
    process.exit(1);
  }
  const engine = await startEngine({
    dataDir,
    mode: 'browser',
    receiverPort: parsed['receiver-port'],
    maxBodyBytes: parsed['max-body-bytes'],
    tunnel: { enabled: !parsed['no-tunnel'], host: parsed['tunnel-host'] },
    flags: parsed,
  });
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const server = await startAutomationServer(engine, { port: parsed.port, token, staticDir, kind: 'browser' });
  const port = server.port;
  const status = await engine.status();
  console.log(`Maximizer Webhook Inspector (browser mode)
  UI:       http://127.0.0.1:${port}/?token=${token}
  Receiver: ${status.receiver.localUrl}
  Data:     ${dataDir}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  keepServingOnBugs('browser mode');
}

main().catch((error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (error instanceof DataDirInUseError)
    console.error(`Already running on ${error.dataDir}: another instance holds its lock. One receiver per data folder: stop it, or choose another --data-dir.`);
  else if (err.code === 'EADDRINUSE') console.error(`Port in use: ${err.message}. Choose another with --port / --receiver-port.`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
});

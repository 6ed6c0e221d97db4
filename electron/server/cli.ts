import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { flagsOrExit } from '../cli/flags';
import { defaultDataDir } from '../engine/data-dir';
import { startEngine } from '../engine/engine';
import { startAutomationServer } from './automation';
import { findInstance, instanceLabel } from './instance';
import { keepServingOnBugs } from '../engine/http-guard';

export const DEFAULT_UI_PORT = 5190;
export const DEFAULT_RECEIVER_PORT = 5191;

const HELP = `Maximizer Webhook Inspector — browser mode (headless engine + UI on 127.0.0.1)

Usage: npm run serve -- [options]
  --data-dir DIR         where the database and settings live (default: the per-user app data folder)
  --port P               UI and automation API port (default ${DEFAULT_UI_PORT}; 0 = any free port)
  --receiver-port R      the webhook target's port (default ${DEFAULT_RECEIVER_PORT}; 0 = any free port)
  --api-token T          token for /api/* (default: a new random token each run)
  --no-tunnel            do not open a public localtunnel URL
  --tunnel-host URL      localtunnel server to use (default https://localtunnel.me)
  --max-body-bytes N     largest webhook body accepted (default 10 MiB)
  --sandbox-rate N       events per minute the built-in sandbox generates (default 4; 0 = only on demand)
  --help                 this text
`;

const args = z.object({
  'data-dir': z.string().optional(),
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_UI_PORT),
  'receiver-port': z.coerce.number().int().min(0).max(65535).default(DEFAULT_RECEIVER_PORT),
  'api-token': z.string().min(8, 'an API token needs at least 8 characters').optional(),
  'no-tunnel': z.boolean().default(false),
  'tunnel-host': z.url().optional(),
  'max-body-bytes': z.coerce.number().int().positive().optional(),
  'sandbox-rate': z.coerce.number().min(0).max(6000).default(4),
  help: z.boolean().default(false),
});

async function main(): Promise<void> {
  const parsed = flagsOrExit(
    process.argv.slice(2),
    {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'receiver-port': { type: 'string' },
      'api-token': { type: 'string' },
      'no-tunnel': { type: 'boolean' },
      'tunnel-host': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'sandbox-rate': { type: 'string' },
    },
    args,
    HELP,
  );
  if (!parsed) return;
  const dataDir = resolve(parsed['data-dir'] ?? defaultDataDir());
  const token = parsed['api-token'] ?? randomBytes(18).toString('base64url');
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
  if (err.code === 'EADDRINUSE') console.error(`Port in use: ${err.message}. Choose another with --port / --receiver-port.`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
});

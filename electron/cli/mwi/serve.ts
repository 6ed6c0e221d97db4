import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { z } from 'zod';
import { SANDBOX_DEFAULT_RATE, SANDBOX_MAX_RATE } from '@shared/limits';
import { sandboxRate } from '@shared/contract/sandbox';
import { defaultDataDir } from '../../engine/data-dir';
import { tunedRelaunch } from '../../engine/process-tuning';
import { chooseApiToken } from '../../server/api-token';
import { UsageError } from './args';
import { addFlags, flag } from './flags';
import { LONG_RUNNING_COMMANDS } from './long-running-list';
import { onStopSignal, reportStartFailure } from './long-running';

export const DEFAULT_UI_PORT = 5190;
export const DEFAULT_RECEIVER_PORT = 5191;

const port = z.coerce.number().int().min(0).max(65535);

export const serveFlags = {
  port: flag(port.default(DEFAULT_UI_PORT), `UI and automation API port (default ${DEFAULT_UI_PORT}; 0 = any free port)`, { value: 'P' }),
  receiverPort: flag(port.default(DEFAULT_RECEIVER_PORT), `the webhook target's port (default ${DEFAULT_RECEIVER_PORT}; 0 = any free port)`, { value: 'R' }),
  apiToken: flag(
    z.string().optional(),
    'token for /api/* (default: a new random token each run); visible in `ps`: prefer $MWI_API_TOKEN (environment) or a token file',
    { value: 'T' },
  ),
  apiTokenFile: flag(z.string().optional(), 'read the token for /api/* from the first line of FILE', { value: 'FILE' }),
  tunnel: flag(z.boolean().default(true), 'do not open a public localtunnel URL', { negate: true }),
  tunnelHost: flag(z.url().optional(), 'localtunnel server to use (default https://localtunnel.me)', { value: 'URL' }),
  maxBodyBytes: flag(z.coerce.number().int().positive().optional(), 'largest webhook body accepted (default 10 MiB)', { value: 'N' }),
  sandboxRate: flag(
    z.coerce.number().pipe(sandboxRate).default(SANDBOX_DEFAULT_RATE),
    `events per minute the built-in sandbox generates (default ${SANDBOX_DEFAULT_RATE}, at most ${SANDBOX_MAX_RATE}; 0 = only on demand)`,
    { value: 'N' },
  ),
};

/** `mwi serve` (`npm run serve`): browser mode, the headless engine and the UI on 127.0.0.1. */
export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description(LONG_RUNNING_COMMANDS['serve'])
    .addHelpText('after', '\nExamples:\n  $ mwi serve\n  $ npm run serve -- --port 0 --no-tunnel --data-dir ./demo\n');
  const validate = addFlags(command, serveFlags);
  command.action(async (_opts: unknown, cmd: Command) => {
    const flags = validate(cmd.opts());
    // The engine's memory settings only apply at process start, and `mwi serve` is also run
    // directly: this process becomes one started with them (same pid; once: then they are set).
    // Windows has no execve; the settings there are V8's defaults.
    const relaunch = tunedRelaunch(process.execPath, process.execArgv, process.argv, process.env);
    if (relaunch && typeof process.execve === 'function') process.execve(process.execPath, relaunch.args, relaunch.env);
    let token: string;
    try {
      const chosen = chooseApiToken(flags);
      if (chosen.warning) console.error(`Warning: ${chosen.warning}`);
      token = chosen.token;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dataDir = resolve(cmd.optsWithGlobals<{ dataDir?: string }>().dataDir ?? defaultDataDir());
    const [{ startEngine }, { startAutomationServer }, { findInstance, instanceLabel }] = await Promise.all([
      import('../../engine/engine'),
      import('../../server/automation'),
      import('../../server/instance'),
    ]);
    const running = await findInstance(dataDir);
    if (running) {
      console.error(`Already running on ${dataDir}: ${instanceLabel(running)}. One receiver per data folder: stop it, or choose another --data-dir.`);
      process.exit(1);
    }
    try {
      const engine = await startEngine({
        dataDir,
        mode: 'browser',
        receiverPort: flags.receiverPort,
        maxBodyBytes: flags.maxBodyBytes,
        tunnel: { enabled: flags.tunnel, host: flags.tunnelHost },
        sandboxRate: flags.sandboxRate,
      });
      // The renderer build sits beside the Node bundles (out/main → out/renderer).
      const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
      const server = await startAutomationServer(engine, { port: flags.port, token, staticDir, kind: 'browser' });
      const status = await engine.status();
      console.log(`Maximizer Webhook Inspector (browser mode)
  UI:       http://127.0.0.1:${server.port}/?token=${token}
  Receiver: ${status.receiver.localUrl}
  Data:     ${dataDir}`);
      await onStopSignal('browser mode', async () => {
        await server.close();
        await engine.stop();
      });
    } catch (error) {
      // DataDirInUseError, by its code: the engine's modules load only once serve runs.
      if ((error as NodeJS.ErrnoException).code === 'EDATADIRINUSE') {
        // Another instance took the folder after the look above (both started at once), or has not published yet.
        console.error(`Already running on ${dataDir}: another instance holds its lock. One receiver per data folder: stop it, or choose another --data-dir.`);
        process.exit(1);
      }
      reportStartFailure(error, '--port / --receiver-port');
    }
  });
}

import type { Command } from 'commander';
import { z } from 'zod';
import { addFlags, flag } from './flags';
import { LONG_RUNNING_COMMANDS } from './long-running-list';
import { onStopSignal, reportStartFailure } from './long-running';

export const tunnelServerFlags = {
  port: flag(
    z.coerce.number().int().min(0).max(65535).default(5192),
    'HTTP port clients register on and requests arrive at (default 5192; 0 = any free port)',
    { value: 'N' },
  ),
  host: flag(
    z.string().default('127.0.0.1'),
    'interface for the HTTP port and the tunnel ports (default 127.0.0.1). Use 0.0.0.0 only on a server whose firewall you control: every tunnel client then needs to reach the tunnel ports from outside.',
    { value: 'ADDR' },
  ),
  domain: flag(
    z
      .string()
      .regex(/^[a-z0-9.-]+$/i, 'a domain name')
      .optional(),
    'route Host <id>.D to tunnel <id> and hand out http://<id>.D:<port> URLs',
    { value: 'D' },
  ),
  publicUrl: flag(
    z.string().includes('{id}', { message: 'must contain {id}' }).optional(),
    'the URL handed to clients, {id} standing for the tunnel id (e.g. https://{id}.tunnel.example.com behind a TLS proxy)',
    { value: 'T' },
  ),
  maxSockets: flag(z.coerce.number().int().min(1).max(100).default(10), 'pooled connections per client (default 10)', { value: 'N' }),
  queueTimeout: flag(z.coerce.number().int().min(0).default(10_000), 'wait for a free connection before answering 504 (default 10000)', { value: 'MS' }),
};

/** `mwi tunnel-server` (`npm run tunnel-server`): our localtunnel-protocol server, for tests and self-hosting. */
export function registerTunnelServer(program: Command): void {
  const command = program
    .command('tunnel-server')
    .description(LONG_RUNNING_COMMANDS['tunnel-server'])
    .addHelpText('after', '\nPoint the inspector at it with --tunnel-host http://127.0.0.1:<port> (browser mode) or the tunnel setting.\n');
  const validate = addFlags(command, tunnelServerFlags);
  command.action(async (_opts: unknown, cmd: Command) => {
    const flags = validate(cmd.opts());
    const { startTunnelServer } = await import('../../engine/tunnel/server/index');
    try {
      const server = await startTunnelServer({
        port: flags.port,
        host: flags.host,
        domain: flags.domain,
        publicUrl: flags.publicUrl,
        maxSockets: flags.maxSockets,
        queueTimeoutMs: flags.queueTimeout,
        log: (line) => console.log(`${new Date().toISOString()} ${line}`),
      });
      console.log(`localtunnel-protocol server listening on ${server.url}
  Inspector: --tunnel-host ${server.url}
  Status:    ${server.url}/api/status`);
      await onStopSignal('tunnel server', () => server.stop());
    } catch (error) {
      reportStartFailure(error, '--port');
    }
  });
}

import { flagsOrExit } from '../../cli/flags';
import { z } from 'zod';
import { startTunnelServer } from './server';
import { keepServingOnBugs } from '../http-guard';

const HELP = `localtunnel-protocol server (Maximizer Webhook Inspector) — for tests and self-hosting

Usage: npm run tunnel-server -- [options]
  --port N             HTTP port clients register on and requests arrive at (default 5192; 0 = any free port)
  --host ADDR          interface for the HTTP port and the tunnel ports (default 127.0.0.1).
                       Use 0.0.0.0 only on a server whose firewall you control: every tunnel
                       client then needs to reach the tunnel ports from outside.
  --domain D           route Host <id>.D to tunnel <id> and hand out http://<id>.D:<port> URLs
  --public-url T       the URL handed to clients, {id} standing for the tunnel id
                       (e.g. https://{id}.tunnel.example.com behind a TLS proxy)
  --max-sockets N      pooled connections per client (default 10)
  --queue-timeout MS   wait for a free connection before answering 504 (default 10000)
  --help               this text

Point the inspector at it with --tunnel-host http://127.0.0.1:<port> (browser mode) or the tunnel setting.
`;

const args = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(5192),
  host: z.string().default('127.0.0.1'),
  domain: z.string().regex(/^[a-z0-9.-]+$/i, 'a domain name').optional(),
  'public-url': z.string().includes('{id}', { message: 'must contain {id}' }).optional(),
  'max-sockets': z.coerce.number().int().min(1).max(100).default(10),
  'queue-timeout': z.coerce.number().int().min(0).default(10_000),
  help: z.boolean().default(false),
});

async function main(): Promise<void> {
  const parsed = flagsOrExit(
    process.argv.slice(2),
    {
      port: { type: 'string' },
      host: { type: 'string' },
      domain: { type: 'string' },
      'public-url': { type: 'string' },
      'max-sockets': { type: 'string' },
      'queue-timeout': { type: 'string' },
    },
    args,
    HELP,
  );
  if (!parsed) return;
  const server = await startTunnelServer({
    port: parsed.port,
    host: parsed.host,
    domain: parsed.domain,
    publicUrl: parsed['public-url'],
    maxSockets: parsed['max-sockets'],
    queueTimeoutMs: parsed['queue-timeout'],
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`localtunnel-protocol server listening on ${server.url}
  Inspector: --tunnel-host ${server.url}
  Status:    ${server.url}/api/status`);
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  keepServingOnBugs('tunnel server');
}

main().catch((error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') console.error(`Port in use: ${err.message}. Choose another with --port.`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
});

import { z } from 'zod';
import { defineCli, flag } from '../../cli/flags';

export const tunnelServerCli = defineCli({
  title: 'localtunnel-protocol server (Maximizer Webhook Inspector) — for tests and self-hosting',
  usage: 'npm run tunnel-server -- [options]',
  flags: {
    port: flag(z.coerce.number().int().min(0).max(65535).default(5192), 'HTTP port clients register on and requests arrive at (default 5192; 0 = any free port)', { value: 'N' }),
    host: flag(
      z.string().default('127.0.0.1'),
      'interface for the HTTP port and the tunnel ports (default 127.0.0.1).\nUse 0.0.0.0 only on a server whose firewall you control: every tunnel\nclient then needs to reach the tunnel ports from outside.',
      { value: 'ADDR' },
    ),
    domain: flag(z.string().regex(/^[a-z0-9.-]+$/i, 'a domain name').optional(), 'route Host <id>.D to tunnel <id> and hand out http://<id>.D:<port> URLs', { value: 'D' }),
    'public-url': flag(
      z.string().includes('{id}', { message: 'must contain {id}' }).optional(),
      'the URL handed to clients, {id} standing for the tunnel id\n(e.g. https://{id}.tunnel.example.com behind a TLS proxy)',
      { value: 'T' },
    ),
    'max-sockets': flag(z.coerce.number().int().min(1).max(100).default(10), 'pooled connections per client (default 10)', { value: 'N' }),
    'queue-timeout': flag(z.coerce.number().int().min(0).default(10_000), 'wait for a free connection before answering 504 (default 10000)', { value: 'MS' }),
  },
  footer: 'Point the inspector at it with --tunnel-host http://127.0.0.1:<port> (browser mode) or the tunnel setting.',
});

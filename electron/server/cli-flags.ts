import { z } from 'zod';
import { SANDBOX_DEFAULT_RATE, SANDBOX_MAX_RATE } from '@shared/limits';
import { sandboxRate } from '@shared/contract/sandbox';
import { defineCli, flag } from '../cli/flags';

export const DEFAULT_UI_PORT = 5190;
export const DEFAULT_RECEIVER_PORT = 5191;

const port = z.coerce.number().int().min(0).max(65535);

export const serveCli = defineCli({
  title: 'Maximizer Webhook Inspector — browser mode (headless engine + UI on 127.0.0.1)',
  usage: 'npm run serve -- [options]',
  flags: {
    'data-dir': flag(z.string().optional(), 'where the database and settings live (default: the per-user app data folder)', { value: 'DIR' }),
    port: flag(port.default(DEFAULT_UI_PORT), `UI and automation API port (default ${DEFAULT_UI_PORT}; 0 = any free port)`, { value: 'P' }),
    'receiver-port': flag(port.default(DEFAULT_RECEIVER_PORT), `the webhook target's port (default ${DEFAULT_RECEIVER_PORT}; 0 = any free port)`, { value: 'R' }),
    'api-token': flag(z.string().min(8, 'an API token needs at least 8 characters').optional(), 'token for /api/* (default: a new random token each run)', { value: 'T' }),
    'no-tunnel': flag(z.boolean().default(false), 'do not open a public localtunnel URL'),
    'tunnel-host': flag(z.url().optional(), 'localtunnel server to use (default https://localtunnel.me)', { value: 'URL' }),
    'max-body-bytes': flag(z.coerce.number().int().positive().optional(), 'largest webhook body accepted (default 10 MiB)', { value: 'N' }),
    'sandbox-rate': flag(
      z.coerce.number().pipe(sandboxRate).default(SANDBOX_DEFAULT_RATE),
      `events per minute the built-in sandbox generates (default ${SANDBOX_DEFAULT_RATE}, at most ${SANDBOX_MAX_RATE}; 0 = only on demand)`,
      { value: 'N' },
    ),
  },
});

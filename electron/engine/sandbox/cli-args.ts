import { z } from 'zod';
import { SANDBOX_MAX_RATE } from '@shared/limits';
import { defineCli, flag, type FlagValues } from '../../cli/flags';
import { PAYLOAD_STYLES } from './payload';

export const DEFAULT_SANDBOX_PORT = 5193;

export const sandboxCli = defineCli({
  title: 'Maximizer sandbox: a local emulator of the Maximizer CRM Webhooks API',
  usage: 'npm run sandbox -- [options]',
  flags: {
    port: flag(z.coerce.number().int().min(0).max(65535).default(DEFAULT_SANDBOX_PORT), `port on 127.0.0.1 (default ${DEFAULT_SANDBOX_PORT}; 0 = any free port)`, { value: 'P' }),
    host: flag(z.string().min(1).default('127.0.0.1'), 'address to bind (default 127.0.0.1)', { value: 'H' }),
    'admin-token': flag(
      z.array(z.string().min(8, 'an admin token needs at least 8 characters')).default([]),
      'token of an Administrator (repeatable; default: a new random token, printed)',
      { value: 'A', multiple: true },
    ),
    'user-token': flag(z.array(z.string().min(1)).default([]), 'token of a regular user, who gets 403 (repeatable)', { value: 'U', multiple: true }),
    'retry-delay-ms': flag(z.coerce.number().int().min(0).max(600_000).default(1000), 'pause before each of the 2 retries (default 1000)', { value: 'N' }),
    'payload-style': flag(z.enum(PAYLOAD_STYLES).default('guide'), 'guide (JSON array, PascalCase; default) or postman (one object, lowercase)', { value: 'S' }),
    rate: flag(z.coerce.number().min(0).max(SANDBOX_MAX_RATE).default(0), `generated CRM events per minute (default 0 = only on request; at most ${SANDBOX_MAX_RATE})`, { value: 'N' }),
    'target-limit-status': flag(
      z.enum(['400', '409']).default('409').transform((s) => Number(s) as 400 | 409),
      'status for an 11th target: 409 (default) or 400',
      { value: 'S' },
    ),
    'any-entity-op': flag(z.boolean().default(false), 'accept any Entity and Op in subscriptions (default: the guide\'s list only, else 400)'),
    seed: flag(z.coerce.number().int().optional(), 'seed for generated data and ids (default: random per run)', { value: 'N' }),
  },
  footer: `Webhooks API base URL: http://HOST:PORT/webhooks (paths /v1/targets, /v1/subscriptions, ...)
Control: POST /sandbox/events, POST /sandbox/generate, POST /sandbox/replay, GET /sandbox/deliveries (admin token)`,
});

export type CliArgs = FlagValues<typeof sandboxCli.flags>;

/** Parses `npm run sandbox -- ...` flags; throws a readable message on a bad flag or value. */
export const parseCliArgs = (argv: string[]) => sandboxCli.parse(argv);

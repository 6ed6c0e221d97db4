import { parseFlags } from '../../cli/flags';
import { z } from 'zod';
import { MAX_RATE } from './index';
import { PAYLOAD_STYLES } from './payload';

export const DEFAULT_SANDBOX_PORT = 5193;

export const HELP = `Maximizer sandbox: a local emulator of the Maximizer CRM Webhooks API

Usage: npm run sandbox -- [options]
  --port P                 port on 127.0.0.1 (default ${DEFAULT_SANDBOX_PORT}; 0 = any free port)
  --host H                 address to bind (default 127.0.0.1)
  --admin-token A          token of an Administrator (repeatable; default: a new random token, printed)
  --user-token U           token of a regular user, who gets 403 (repeatable)
  --retry-delay-ms N       pause before each of the 2 retries (default 1000)
  --payload-style S        guide (JSON array, PascalCase; default) or postman (one object, lowercase)
  --rate N                 generated CRM events per minute (default 0 = only on request)
  --target-limit-status S  status for an 11th target: 409 (default) or 400
  --seed N                 seed for generated data and ids (default: random per run)
  --help                   this text

Webhooks API base URL: http://HOST:PORT/webhooks (paths /v1/targets, /v1/subscriptions, ...)
Control: POST /sandbox/events, POST /sandbox/generate, POST /sandbox/replay, GET /sandbox/deliveries (admin token)
`;

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SANDBOX_PORT),
  host: z.string().min(1).default('127.0.0.1'),
  'admin-token': z.array(z.string().min(8, 'an admin token needs at least 8 characters')).default([]),
  'user-token': z.array(z.string().min(1)).default([]),
  'retry-delay-ms': z.coerce.number().int().min(0).max(600_000).default(1000),
  'payload-style': z.enum(PAYLOAD_STYLES).default('guide'),
  rate: z.coerce.number().min(0).max(MAX_RATE).default(0),
  'target-limit-status': z.enum(['400', '409']).default('409').transform((s) => Number(s) as 400 | 409),
  seed: z.coerce.number().int().optional(),
  help: z.boolean().default(false),
});
export type CliArgs = z.infer<typeof schema>;

/** Parses `npm run sandbox -- ...` flags; throws a readable message on a bad flag or value. */
export function parseCliArgs(argv: string[]): CliArgs {
  return parseFlags(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'admin-token': { type: 'string', multiple: true },
      'user-token': { type: 'string', multiple: true },
      'retry-delay-ms': { type: 'string' },
      'payload-style': { type: 'string' },
      rate: { type: 'string' },
      'target-limit-status': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    schema,
  );
}

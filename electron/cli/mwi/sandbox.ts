import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { SANDBOX_MAX_RATE } from '@shared/limits';
import { PAYLOAD_STYLES } from '../../engine/sandbox/payload';
import { addFlags, flag } from './flags';
import { LONG_RUNNING_COMMANDS } from './long-running-list';
import { onStopSignal, reportStartFailure } from './long-running';

export const DEFAULT_SANDBOX_PORT = 5193;

export const sandboxFlags = {
  port: flag(
    z.coerce.number().int().min(0).max(65535).default(DEFAULT_SANDBOX_PORT),
    `port on 127.0.0.1 (default ${DEFAULT_SANDBOX_PORT}; 0 = any free port)`,
    { value: 'P' },
  ),
  host: flag(z.string().min(1).default('127.0.0.1'), 'address to bind (default 127.0.0.1)', { value: 'H' }),
  adminToken: flag(
    z.array(z.string().min(8, 'an admin token needs at least 8 characters')).default([]),
    'token of an Administrator (repeatable; default: a new random token, printed)',
    { value: 'A', multiple: true },
  ),
  userToken: flag(z.array(z.string().min(1)).default([]), 'token of a regular user, who gets 403 (repeatable)', { value: 'U', multiple: true }),
  retryDelayMs: flag(z.coerce.number().int().min(0).max(600_000).default(1000), 'pause before each of the 2 retries (default 1000)', { value: 'N' }),
  payloadStyle: flag(z.enum(PAYLOAD_STYLES).default('guide'), 'guide (JSON array, PascalCase; default) or postman (one object, lowercase)', { value: 'S' }),
  rate: flag(
    z.coerce.number().min(0).max(SANDBOX_MAX_RATE).default(0),
    `generated CRM events per minute (default 0 = only on request; at most ${SANDBOX_MAX_RATE})`,
    { value: 'N' },
  ),
  targetLimitStatus: flag(
    z
      .enum(['400', '409'])
      .default('409')
      .transform((s) => Number(s) as 400 | 409),
    'status for an 11th target: 409 (default) or 400',
    { value: 'S' },
  ),
  anyEntityOp: flag(z.boolean().default(false), "accept any Entity and Op in subscriptions (default: the guide's list only, else 400)"),
  seed: flag(z.coerce.number().int().optional(), 'seed for generated data and ids (default: random per run)', { value: 'N' }),
};

/** `mwi sandbox` (`npm run sandbox`): the Webhooks API emulator on its own, standing in for a Maximizer CRM. */
export function registerSandbox(program: Command): void {
  const command = program
    .command('sandbox')
    .description(LONG_RUNNING_COMMANDS['sandbox'])
    .addHelpText(
      'after',
      `
Webhooks API base URL: http://HOST:PORT/webhooks (paths /v1/targets, /v1/subscriptions, ...), printed
alone on stdout's first line. Control: POST /sandbox/events, POST /sandbox/generate,
POST /sandbox/replay, GET /sandbox/deliveries (admin token).

Examples:
  $ mwi sandbox --port 0 --admin-token change-me-please --rate 6
`,
    );
  const validate = addFlags(command, sandboxFlags);
  command.action(async (_opts: unknown, cmd: Command) => {
    const args = validate(cmd.opts());
    const { startSandbox } = await import('../../engine/sandbox/index');
    const generated = args.adminToken.length === 0 ? randomBytes(18).toString('base64url') : null;
    try {
      const sandbox = await startSandbox({
        port: args.port,
        host: args.host,
        adminTokens: generated ? [generated] : args.adminToken,
        userTokens: args.userToken,
        retryDelayMs: args.retryDelayMs,
        payloadStyle: args.payloadStyle,
        rate: args.rate,
        targetLimitStatus: args.targetLimitStatus,
        anyEntityOp: args.anyEntityOp,
        seed: args.seed,
        log: (line) => console.error(line),
      });
      // The base URL goes alone on stdout's first line so scripts can read it.
      console.log(sandbox.baseUrl);
      console.error(`Maximizer sandbox listening
  Webhooks API: ${sandbox.baseUrl}  (e.g. GET ${sandbox.baseUrl}/v1/targets)
  Control:      ${sandbox.rootUrl}/sandbox/events · /sandbox/generate · /sandbox/replay · /sandbox/deliveries
  Admin token:  ${generated ?? '(as given)'}
  Payload:      ${sandbox.payloadStyle} style · retry delay ${args.retryDelayMs} ms · ${args.rate > 0 ? `${args.rate} generated events/min` : 'generator off (POST /sandbox/generate)'}
  Workspace:    ${sandbox.workspaceId}`);
      await onStopSignal('sandbox', () => sandbox.stop());
    } catch (error) {
      reportStartFailure(error, '--port');
    }
  });
}

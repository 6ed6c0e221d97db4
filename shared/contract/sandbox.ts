import { z } from 'zod';
import { call } from './define';
import { SANDBOX_MAX_RATE } from '../limits';
import { connectionStatus } from './connection';

/** Events per minute the sandbox generator can be set to (limits.ts: plain numbers, importable without zod). */
export const sandboxRate = z.number().min(0).max(SANDBOX_MAX_RATE);

/** The built-in sandbox's event generator (when the sandbox is the active connection). */
export const sandboxCalls = {
  sandboxGenerate: call(
    z.object({
      kind: z.string().optional(),
      entity: z.string().min(1).optional().describe('with `op`: emit this Entity × Op (generated data where the generator knows it)'),
      op: z.string().min(1).optional(),
    }),
    z.object({ id: z.string() }),
    'Sandbox only: emit one event now: a generated kind, any Entity × Op, or a random kind.',
  ),
  sandboxSetRate: call(
    z.object({ perMinute: sandboxRate }),
    connectionStatus,
    'Sandbox only: how many events per minute the generator sends (0 = only on demand).',
  ),
};

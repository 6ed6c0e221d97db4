import type { Command } from 'commander';
import { z } from 'zod';
import { addFlags, flag } from './flags';
import { LONG_RUNNING_COMMANDS } from './long-running-list';

const count = z.coerce.number().int().positive();

export const benchFlags = {
  only: flag(z.string().optional(), 'comma-separated parts to run: receiver, lag, diff, shapes, desktop, ui (default: all)', { value: 'PARTS' }),
  seconds: flag(count.default(5), 'seconds per receiver run (default 5)', { value: 'N' }),
  connections: flag(count.default(32), 'concurrent connections of the receiver load (default 32)', { value: 'N' }),
  rounds: flag(count.default(3), 'receiver: rounds, each loading every server once (default 3)', { value: 'N' }),
  servers: flag(
    z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(['bare', 'receiver', 'peer'])))
      .optional(),
    'receiver: which servers to load: bare, receiver, peer (default all)',
    { value: 'LIST' },
  ),
  cpuProf: flag(z.string().optional(), 'receiver: write V8 CPU profiles of the receiver processes (both threads) to DIR', { value: 'DIR' }),
  threads: flag(z.boolean().default(false), "receiver: also print each server's CPU per request by thread (from /proc)"),
  lagRate: flag(count.default(1000), 'lag: webhooks per second of the sustained run (default 1000)', { value: 'N' }),
  lagSeconds: flag(count.default(60), 'lag: seconds of the sustained run (default 60)', { value: 'N' }),
  floodSeconds: flag(count.default(10), 'lag: seconds of the full-speed flood after it (default 10)', { value: 'N' }),
  sizes: flag(
    z
      .string()
      .regex(/^\d+(,\d+)*$/, 'event counts separated by commas')
      .default('100000,1000000'),
    'stored events for the UI bench (default 100000,1000000)',
    {
      value: 'LIST',
    },
  ),
  serveBare: flag(z.boolean().default(false), 'internal: a bare HTTP server under load', { hidden: true }),
  servePeer: flag(z.boolean().default(false), 'internal: the mockttp peer, recording every request, under load', { hidden: true }),
  serveEngine: flag(z.string().optional(), 'internal: an engine on data folder DIR under load', { value: 'DIR', hidden: true }),
};

export type BenchOptions = z.output<z.ZodObject<{ [K in keyof typeof benchFlags]: (typeof benchFlags)[K]['schema'] }>>;

/** `mwi bench` (`npm run bench`): the speed targets, measured here and never asserted in tests. */
export function registerBench(program: Command): void {
  const command = program.command('bench').description(LONG_RUNNING_COMMANDS['bench']);
  const validate = addFlags(command, benchFlags);
  command.action(async (_opts: unknown, cmd: Command) => {
    const { runBench } = await import('../../bench/run');
    await runBench(validate(cmd.opts()));
  });
}

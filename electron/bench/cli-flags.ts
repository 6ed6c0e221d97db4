import { z } from 'zod';
import { defineCli, flag } from '../cli/flags';

const count = z.coerce.number().int().positive();

export const benchCli = defineCli({
  title: 'Maximizer Webhook Inspector bench: the speed targets, measured (never asserted in tests)',
  usage: 'npm run bench -- [options]',
  flags: {
    only: flag(z.string().optional(), 'comma-separated parts to run: receiver, lag, diff, ui, shapes (default: all)', { value: 'PARTS' }),
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
    'cpu-prof': flag(z.string().optional(), 'receiver: write V8 CPU profiles of the receiver processes (both threads) to DIR', { value: 'DIR' }),
    threads: flag(z.boolean().default(false), 'receiver: also print each server\'s CPU per request by thread (from /proc)'),
    'lag-rate': flag(count.default(1000), 'lag: webhooks per second of the sustained run (default 1000)', { value: 'N' }),
    'lag-seconds': flag(count.default(60), 'lag: seconds of the sustained run (default 60)', { value: 'N' }),
    'flood-seconds': flag(count.default(10), 'lag: seconds of the full-speed flood after it (default 10)', { value: 'N' }),
    sizes: flag(z.string().regex(/^\d+(,\d+)*$/, 'event counts separated by commas').default('100000,1000000'), 'stored events for the UI bench (default 100000,1000000)', { value: 'LIST' }),
    'serve-bare': flag(z.boolean().default(false), 'internal: a bare HTTP server under load'),
    'serve-peer': flag(z.boolean().default(false), 'internal: the mockttp peer, recording every request, under load'),
    'serve-engine': flag(z.string().optional(), 'internal: an engine on data folder DIR under load', { value: 'DIR' }),
  },
});

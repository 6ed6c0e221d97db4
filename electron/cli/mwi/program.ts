import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { defaultDataDir } from '../../engine/data-dir';
import { APP_VERSION } from '../../engine/version';
import { collectFilter, collectPairs, parseHttpUrl, parseId, parsePair, parsePositiveInt, parseRate, parseSince, UsageError, type Pair } from './args';
import type { Common } from './commands';
import { LONG_RUNNING_COMMANDS } from './long-running-list';

// Each command loads its code when it runs: `events`, `show` and `status` read the database
// (read.ts) and never load the engine, so they answer in about the time node takes to start.
const engineCommands = () => import('./commands');
const readCommands = () => import('./read');

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

interface GlobalOptions {
  dataDir?: string;
  verbose?: boolean;
}

function common(command: Command): Common {
  const o = command.optsWithGlobals<GlobalOptions>();
  return { dataDir: resolve(o.dataDir ?? defaultDataDir()), verbose: o.verbose ?? false };
}

/** Every action sets its exit status; the process exits with it once the action is done. */
const exitWith = (code: number) => void (process.exitCode = code);

export function buildProgram(): Command {
  const program = new Command('mwi')
    .description('Maximizer Webhook Inspector from the terminal: subscribe, watch webhooks arrive, forward them to your handler.')
    .version(APP_VERSION)
    .addOption(new Option('--data-dir <dir>', 'data folder of the app (default: the per-user app data folder)').env('MWI_DATA_DIR'))
    .option('--verbose', "print the engine's log lines (stderr)")
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
When the desktop app, browser mode or another \`mwi listen\` runs on the same data folder, mwi
works through it (its automation API); otherwise it starts the engine itself for the command.
\`events\`, \`show\` and \`status\` only read the database (read-only): they start nothing.
Exit status: 0 ok, 1 error, 2 wrong usage. Colour only on a terminal, never with NO_COLOR.
${examples('mwi listen --forward-to http://localhost:3000/webhooks', 'mwi trigger Lead.create', 'mwi events --entity Lead --since 1h')}`,
    );

  program
    .command('listen')
    .description('Subscribe to Entity × Op pairs and print every webhook as it arrives; optionally forward each to your handler.')
    .option('--forward-to <url>', "forward each webhook to this URL with Maximizer's delivery rules (200 within 2 s, 3 attempts)", parseHttpUrl)
    .option('--events <Entity.Op,...>', 'make sure these pairs are subscribed, and show only them (repeatable)', collectPairs, [] as Pair[])
    .option(
      '--filter <json>',
      'Maximizer filter string for the subscriptions this run creates (repeatable: conditions are ANDed)',
      collectFilter,
      [] as string[],
    )
    .option('--json', 'print one JSON object per webhook (NDJSON) instead of text')
    .option('--no-tunnel', 'no public URL: the target stays the local receiver URL (when this command starts the engine)')
    .option('--tunnel-host <url>', 'localtunnel server to use (when this command starts the engine; default: the app setting)', parseHttpUrl)
    .option('--connection <name>', 'use this saved connection ("sandbox" or its name) for this run')
    .option('--keep', 'keep the subscriptions this run created when it stops')
    .addOption(new Option('--sandbox-rate <n>', 'events per minute the built-in sandbox generates (when this command starts the engine)').argParser(parseRate))
    .addHelpText(
      'after',
      `
Each line: time, event id, Entity.Op, the record's decoded Key, what changed, Maximizer's attempts;
with --forward-to a second line per webhook gives each forward attempt (status, latency) and the
verdict Maximizer would reach. Ctrl-C removes the subscriptions this run created (not the ones that
were there before) and the forward rule, then exits 0.
${examples(
  'mwi listen',
  'mwi listen --events Lead.create,Lead.update --forward-to http://localhost:3000/webhooks',
  'mwi listen --events Opportunity.update --filter \'{"Status": {"$EQ": 1}}\' --json | jq .summary',
  'mwi listen --connection "Acme CRM" --keep',
)}`,
    )
    .action(
      async (
        opts: {
          forwardTo?: string;
          events: Pair[];
          filter: string[];
          json?: boolean;
          tunnel: boolean;
          tunnelHost?: string;
          connection?: string;
          keep?: boolean;
          sandboxRate?: number;
        },
        command: Command,
      ) => {
        if (opts.filter.length && !opts.events.length)
          throw new UsageError('--filter applies to the subscriptions this run creates: give them with --events Entity.Op');
        const c = common(command);
        await (await import('./listen')).listen({ ...c, ...opts, json: opts.json ?? false, keep: opts.keep ?? false });
      },
    );

  program
    .command('trigger')
    .description('Make an event happen: the sandbox emits it (connected to a real CRM: a Maximizer-shaped test event goes to the receiver).')
    .argument('<Entity.Op>', 'what to emit, e.g. Lead.create', parsePair)
    .option('--count <n>', 'how many', parsePositiveInt, 1)
    .option('--wait <seconds>', 'how long to wait for them to arrive', parsePositiveInt, 10)
    .addHelpText('after', examples('mwi trigger Lead.create', 'mwi trigger Opportunity.update --count 5'))
    .action(async (pair: Pair, opts: { count: number; wait: number }, command: Command) =>
      exitWith(await (await engineCommands()).trigger(common(command), pair, opts.count, opts.wait * 1000)),
    );

  program
    .command('events')
    .description('List stored webhooks, newest first.')
    .option('--entity <entity>', 'only this Entity (e.g. Lead)')
    .option('--op <op>', 'only this Op (create, update, delete, read)')
    .option('--search <text>', 'full-text search in the payload (words are ANDed, prefix-matched)')
    .option('--since <when>', 'only newer than a duration ago (30s, 10m, 2h, 1d) or a date', (v) => parseSince(v))
    .addOption(new Option('--limit <n>', 'at most this many (1–1000)').default(20).argParser((v) => Math.min(parsePositiveInt(v), 1000)))
    .option('--json', 'one JSON object per event (NDJSON)')
    .addHelpText('after', examples('mwi events', 'mwi events --entity Lead --op update --since 10m', 'mwi events --search Northwind --json | jq .key'))
    .action(async (opts: { entity?: string; op?: string; search?: string; since?: number; limit: number; json?: boolean }, command: Command) =>
      exitWith(await (await readCommands()).events(common(command), { ...opts, json: opts.json ?? false })),
    );

  program
    .command('show')
    .description('One stored webhook: its fields, what changed, the raw requests, forward attempts and the payload.')
    .argument('<id>', 'event id (as `mwi events` shows it)', parseId)
    .option('--json', 'everything as one JSON object')
    .addHelpText('after', examples('mwi show 42', 'mwi show 42 --json | jq .requests[0].headers'))
    .action(async (id: number, opts: { json?: boolean }, command: Command) =>
      exitWith(await (await readCommands()).show(common(command), id, opts.json ?? false)),
    );

  program
    .command('replay')
    .description('Send a stored webhook again (the same bytes and headers) with Maximizer’s delivery rules; exit 1 when every attempt failed.')
    .argument('<id>', 'event id', parseId)
    .option('--to <url>', "where to (default: the app's first forward rule)", parseHttpUrl)
    .option('--json', 'the delivery as JSON')
    .addHelpText('after', examples('mwi replay 42 --to http://localhost:3000/webhooks'))
    .action(async (id: number, opts: { to?: string; json?: boolean }, command: Command) =>
      exitWith(await (await engineCommands()).replay(common(command), id, opts.to, opts.json ?? false)),
    );

  program
    .command('status')
    .description('What runs on the data folder (desktop app, browser mode, mwi listen), its receiver, tunnel and connection, and what is stored.')
    .option('--json', 'as JSON')
    .addHelpText('after', examples('mwi status', 'mwi status --data-dir ./demo --json'))
    .action(async (opts: { json?: boolean }, command: Command) => exitWith(await (await readCommands()).status(common(command), opts.json ?? false)));

  // Subcommands share the program's error handling (exitOverride) and help hint.
  for (const sub of program.commands) sub.exitOverride().showHelpAfterError('(add --help for usage)');
  return program;
}

/**
 * The long-running programs the npm scripts start (`npm run serve`, `sandbox`, `tunnel-server`,
 * `bench`). Their flags are zod schemas: registered only when the command line names one (see
 * `namesLongRunning`), so neither a read command nor `mwi --help` loads zod.
 */
export async function registerLongRunning(program: Command): Promise<void> {
  const [{ registerServe }, { registerSandbox }, { registerTunnelServer }, { registerBench }] = await Promise.all([
    import('./serve'),
    import('./sandbox'),
    import('./tunnel-server'),
    import('./bench'),
  ]);
  const before = new Set(program.commands);
  registerServe(program);
  registerSandbox(program);
  registerTunnelServer(program);
  registerBench(program);
  for (const sub of program.commands) if (!before.has(sub)) sub.exitOverride().showHelpAfterError('(add --help for usage)');
}

/**
 * The long-running commands by name and description only, for the program's help and its "did you
 * mean" on a typo. Never run: a command line that names one registers the real one instead.
 */
export function listLongRunning(program: Command): void {
  for (const [name, description] of Object.entries(LONG_RUNNING_COMMANDS))
    // `[options]` as an argument: the help lists the command as `serve [options]`, as the real one (which has options) is.
    program.command(name).description(description).argument('[options]').exitOverride().showHelpAfterError('(add --help for usage)');
}

const LONG_RUNNING: ReadonlySet<string> = new Set(Object.keys(LONG_RUNNING_COMMANDS));

/** Whether this command line names a long-running command (`mwi serve …`, `mwi help serve`): its first word past the global `--data-dir DIR` and `--verbose`. */
export function namesLongRunning(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--data-dir') i++;
    else if (arg.startsWith('--data-dir=') || arg === '--verbose') continue;
    else return LONG_RUNNING.has(arg) || (arg === 'help' && LONG_RUNNING.has(args[i + 1] ?? ''));
  }
  return false;
}

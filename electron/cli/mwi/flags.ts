import { Command, Option } from 'commander';
import { z } from 'zod';
import { UsageError } from './args';

/**
 * One declaration per option of the long-running subcommands (serve, sandbox, tunnel-server,
 * bench): its zod schema (validation and default) and its help line. Commander parses and prints
 * the help; the schema then validates all options at once, so help, parsing and validation cannot
 * drift, and a bad value names the option as the user typed it.
 */
export interface Flag<S extends z.ZodType = z.ZodType> {
  schema: S;
  help: string;
  /** Placeholder in the help (`--port <P>`); a flag without one is a switch. */
  value?: string;
  /** May be given more than once (collected into an array). */
  multiple?: boolean;
  /** A switch spelled `--no-<name>` whose value is true unless given. */
  negate?: boolean;
  /** Internal modes (the bench's child servers): parsed, but not in the help. */
  hidden?: boolean;
}

export const flag = <S extends z.ZodType>(schema: S, help: string, options: Omit<Flag, 'schema' | 'help'> = {}): Flag<S> => ({
  schema,
  help,
  ...options,
});

export type Flags = Record<string, Flag>;
type Shape<F extends Flags> = { [K in keyof F]: F[K]['schema'] };
export type FlagValues<F extends Flags> = z.output<z.ZodObject<Shape<F>>>;

/** `receiverPort` → `receiver-port`: declarations use commander's attribute names. */
export const optionName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Adds the declared options to `command`; the returned function validates what commander parsed. */
export function addFlags<F extends Flags>(command: Command, flags: F): (parsed: Record<string, unknown>) => FlagValues<F> {
  for (const [key, f] of Object.entries(flags)) {
    const name = optionName(key);
    const option = new Option(f.negate ? `--no-${name}` : `--${name}${f.value ? ` <${f.value}>` : ''}`, f.help);
    if (f.multiple) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    if (f.hidden) option.hideHelp();
    command.addOption(option);
  }
  const schema = z.object(Object.fromEntries(Object.entries(flags).map(([key, f]) => [key, f.schema])) as Shape<F>);
  return (parsed) => {
    const picked = Object.fromEntries(Object.keys(flags).map((key) => [key, parsed[key]]));
    const result = schema.safeParse(picked);
    if (result.success) return result.data;
    throw new UsageError(result.error.issues.map((issue) => `--${optionName(String(issue.path[0] ?? ''))}: ${issue.message}`).join('\n'));
  };
}

/** The validated options of `argv` for these declarations alone (tests, and anything that parses without running). */
export function parseFlags<F extends Flags>(flags: F, argv: string[]): FlagValues<F> {
  const command = new Command('flags').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  const validate = addFlags(command, flags);
  command.parse(argv, { from: 'user' });
  return validate(command.opts());
}

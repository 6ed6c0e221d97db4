import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * One declaration per command-line option: its zod schema (validation and default), its help
 * line, and whether it takes a value. Help text, node's parseArgs options and the validating
 * schema are all generated from it, so the three cannot drift. The same declarations are plain
 * data (name, value placeholder, description, repeatable, schema) for a commander-based CLI.
 */
export interface Flag<S extends z.ZodType = z.ZodType> {
  schema: S;
  help: string;
  /** Placeholder in the help (`--port P`); a flag without one is a switch (boolean). */
  value?: string;
  /** May be given more than once (collected into an array). */
  multiple?: boolean;
  short?: string;
}

export const flag = <S extends z.ZodType>(schema: S, help: string, options: Omit<Flag, 'schema' | 'help'> = {}): Flag<S> => ({
  schema,
  help,
  ...options,
});

type Shape<F extends Record<string, Flag>> = { [K in keyof F]: F[K]['schema'] };
export type FlagValues<F extends Record<string, Flag>> = z.output<z.ZodObject<Shape<F>>>;

export interface CliSpec<F extends Record<string, Flag>> {
  /** What the command is, one line. */
  title: string;
  /** `npm run x -- [options]`. */
  usage: string;
  flags: F;
  /** Text after the option list. */
  footer?: string;
}

export function defineCli<F extends Record<string, Flag>>(spec: CliSpec<F>) {
  const shape = Object.fromEntries(Object.entries(spec.flags).map(([name, f]) => [name, f.schema])) as Shape<F>;
  const schema = z.object(shape);
  const options = Object.fromEntries(
    Object.entries(spec.flags).map(([name, f]) => [
      name,
      { type: f.value ? ('string' as const) : ('boolean' as const), ...(f.multiple ? { multiple: true } : {}), ...(f.short ? { short: f.short } : {}) },
    ]),
  );
  const rows: [string, string][] = [
    ...Object.entries(spec.flags).map(([name, f]): [string, string] => [`--${name}${f.value ? ` ${f.value}` : ''}`, f.help]),
    ['--help', 'this text'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const help = [
    spec.title,
    '',
    `Usage: ${spec.usage}`,
    ...rows.map(([left, text]) => `  ${left.padEnd(width)}${text.replace(/\n/g, `\n  ${' '.repeat(width)}`)}`),
    ...(spec.footer ? ['', spec.footer] : []),
    '',
  ].join('\n');

  /** The validated flags; throws a readable message on an unknown flag or a bad value. */
  function parse(argv: string[]): FlagValues<F> & { help: boolean } {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    const { help: wantsHelp, ...rest } = values as Record<string, unknown>;
    const parsed = schema.safeParse(rest);
    if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
    return { ...(parsed.data as FlagValues<F>), help: wantsHelp === true };
  }

  /**
   * For a command's main: the flags, or null once `--help` was printed. A bad flag
   * prints the reason and the help, and exits with status 2.
   */
  function parseOrExit(argv: string[]): FlagValues<F> | null {
    let flags: FlagValues<F> & { help: boolean };
    try {
      flags = parse(argv);
    } catch (error) {
      console.error(`${(error as Error).message}\n\n${help}`);
      process.exit(2);
    }
    if (flags.help) {
      console.log(help);
      return null;
    }
    return flags;
  }

  return { flags: spec.flags, schema, help, parse, parseOrExit };
}

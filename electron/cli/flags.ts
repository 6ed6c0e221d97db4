import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { z } from 'zod';

/** Parses command-line flags with node's parseArgs and validates them with zod; throws a readable message. */
export function parseFlags<S extends z.ZodType>(argv: string[], options: ParseArgsOptionsConfig, schema: S): z.output<S> {
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

/**
 * For a command's main: the flags, or null once `--help` was printed. A bad flag
 * prints the reason and the help, and exits with status 2.
 */
export function flagsOrExit<S extends z.ZodType>(argv: string[], options: ParseArgsOptionsConfig, schema: S, help: string): z.output<S> | null {
  let flags: z.output<S>;
  try {
    flags = parseFlags(argv, { ...options, help: { type: 'boolean', short: 'h' } }, schema);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help}`);
    process.exit(2);
  }
  if ((flags as { help?: boolean }).help) {
    console.log(help);
    return null;
  }
  return flags;
}

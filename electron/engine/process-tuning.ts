/*
 * How a process that runs the engine is started: `mwi serve` (and `npm run serve`), the desktop
 * app's engine process, and the bench, which starts `serve` as users do. Both settings only take
 * effect at process start, so each launcher passes them; docs/performance.md ("Engine memory at
 * 1,000,000 events") has the measurements behind them.
 */

/**
 * V8's young generation capped at 4 MB semi-spaces: Node 24 lets a thread's grow to 32 MB each and
 * under search load the engine thread's did. V8 reads it only when the process starts
 * (`v8.setFlagsFromString` later changed nothing, measured).
 */
export const ENGINE_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];

/**
 * glibc gives every thread that allocates (the receiver's worker, V8's compiler and GC threads,
 * libuv's pool) its own malloc arena, and freed memory stays in the arena it came from: five
 * arenas held ~28 MB after the bench's load. Two arenas held ~12 MB less, with no measurable cost
 * to the receiver or to searches. glibc reads it before any code runs; other C libraries ignore it.
 */
export const ENGINE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

const flagName = (arg: string) => arg.split('=')[0]!.replace(/_/g, '-');

/**
 * The command line and environment to start this same command again with the engine's settings,
 * or null when it already has them. A value the user set (a flag or the variable) is kept.
 * `argv` is `process.argv` (node, script, arguments), `execArgv` Node's own flags.
 */
export function tunedRelaunch(
  execPath: string,
  execArgv: readonly string[],
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { args: string[]; env: NodeJS.ProcessEnv } | null {
  const given = new Set(execArgv.map(flagName));
  const flags = ENGINE_EXEC_ARGV.filter((flag) => !given.has(flagName(flag)));
  const missing = Object.entries(ENGINE_ENV).filter(([name]) => env[name] === undefined);
  if (flags.length === 0 && missing.length === 0) return null;
  return { args: [execPath, ...flags, ...execArgv, ...argv.slice(1)], env: { ...env, ...Object.fromEntries(missing) } };
}

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MWI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'mwi.mjs');
const RUNS = 10;

/** Wall time of one whole process, as a user's shell sees it; throws when it fails. */
function wall(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString().trim()}`);
  return elapsed;
}

const medianOf = (args: string[]) => {
  const times = Array.from({ length: RUNS }, () => wall(args)).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
};

/**
 * `mwi`'s read commands timed as whole processes (bin/mwi.mjs, as the `mwi` command runs),
 * median of 10, beside `node -e 0` on the same machine at the same moment: the floor no
 * command can go under, and the measure of how loaded the machine is.
 */
export function cliBench(dataDir: string, showId: number, attached: boolean, log: (line: string) => void): void {
  const target = attached ? 150 : 250;
  const floor = medianOf(['-e', '0']);
  const commands: [string, string[]][] = [
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['events --limit 5', ['events', '--limit', '5', '--data-dir', dataDir]],
    [`show ${showId}`, ['show', String(showId), '--data-dir', dataDir]],
    ['status', ['status', '--data-dir', dataDir]],
  ];
  const parts = commands.map(([label, args]) => `${label} ${medianOf([MWI, ...args]).toFixed(0)} ms`);
  log(
    `  mwi ${attached ? 'attached to the running instance' : 'with nothing running'} (whole process, median of ${RUNS}; target < ${target} ms): ${parts.join(', ')}; node -e 0: ${floor.toFixed(0)} ms`,
  );
}

import { keepServingOnBugs } from '../../engine/http-guard';

/**
 * What every long-running subcommand (serve, sandbox, tunnel-server) does once it listens:
 * Ctrl-C or SIGTERM stops it cleanly and exits 0, and a bug in one request handler is logged
 * instead of taking the server down. Its promise never settles: the server runs until a signal.
 */
export function onStopSignal(what: string, stop: () => Promise<void>): Promise<never> {
  let stopping = false;
  const once = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${what} did not stop cleanly:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', once);
  process.on('SIGTERM', once);
  keepServingOnBugs(what);
  // The command's action waits on this for as long as the server runs: mwi exits when an action ends.
  return new Promise<never>(() => {});
}

/** A server that could not start: a port in use says which option picks another; anything else is printed whole. */
export function reportStartFailure(error: unknown, portOptions: string): never {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') console.error(`Port in use: ${err.message}. Choose another with ${portOptions} (0 = any free port).`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
}

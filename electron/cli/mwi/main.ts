import { CommanderError } from 'commander';
import { ApiError } from '@shared/contract/api-error';
import { UsageError } from './args';
import { buildProgram, listLongRunning, namesLongRunning, registerLongRunning } from './program';
import { failureLine } from './output';

async function main(): Promise<void> {
  const program = buildProgram();
  if (namesLongRunning(process.argv.slice(2))) await registerLongRunning(program);
  else listLongRunning(program);
  if (process.argv.length <= 2) {
    program.outputHelp({ error: true });
    process.exit(2);
  }
  try {
    await program.parseAsync(process.argv);
    // A finished command exits now, whatever sockets its client kept alive.
    process.exit(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are answers, not errors; everything else commander rejects is usage.
      process.exit(['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code) ? 0 : 2);
    }
    process.stderr.write(failureLine(error));
    process.exit(error instanceof UsageError || (error instanceof ApiError && error.code === 'bad_request') ? 2 : 1);
  }
}

void main();

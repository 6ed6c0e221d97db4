import { randomBytes } from 'node:crypto';
import { sandboxCli } from './cli-args';
import { startSandbox } from './index';
import { keepServingOnBugs } from '../http-guard';

/** `npm run sandbox -- --port P --admin-token A --user-token U ...`: the emulator on its own. */
async function main(): Promise<void> {
  const args = sandboxCli.parseOrExit(process.argv.slice(2));
  if (!args) return;
  const generated = args['admin-token'].length === 0 ? randomBytes(18).toString('base64url') : null;
  const sandbox = await startSandbox({
    port: args.port,
    host: args.host,
    adminTokens: generated ? [generated] : args['admin-token'],
    userTokens: args['user-token'],
    retryDelayMs: args['retry-delay-ms'],
    payloadStyle: args['payload-style'],
    rate: args.rate,
    targetLimitStatus: args['target-limit-status'],
    anyEntityOp: args['any-entity-op'],
    seed: args.seed,
    log: (line) => console.error(line),
  });
  // The base URL goes alone on stdout's first line so scripts can read it.
  console.log(sandbox.baseUrl);
  console.error(`Maximizer sandbox listening
  Webhooks API: ${sandbox.baseUrl}  (e.g. GET ${sandbox.baseUrl}/v1/targets)
  Control:      ${sandbox.rootUrl}/sandbox/events · /sandbox/generate · /sandbox/replay · /sandbox/deliveries
  Admin token:  ${generated ?? '(as given)'}
  Payload:      ${sandbox.payloadStyle} style · retry delay ${args['retry-delay-ms']} ms · ${args.rate > 0 ? `${args.rate} generated events/min` : 'generator off (POST /sandbox/generate)'}
  Workspace:    ${sandbox.workspaceId}`);

  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  keepServingOnBugs('sandbox');
}

main().catch((error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') console.error(`Port in use: ${err.message}. Choose another with --port (0 = any free port).`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
});

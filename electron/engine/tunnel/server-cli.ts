import { tunnelServerCli } from './server-cli-flags';
import { startTunnelServer } from './server';
import { keepServingOnBugs } from '../http-guard';


async function main(): Promise<void> {
  const parsed = tunnelServerCli.parseOrExit(process.argv.slice(2));
  if (!parsed) return;
  const server = await startTunnelServer({
    port: parsed.port,
    host: parsed.host,
    domain: parsed.domain,
    publicUrl: parsed['public-url'],
    maxSockets: parsed['max-sockets'],
    queueTimeoutMs: parsed['queue-timeout'],
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`localtunnel-protocol server listening on ${server.url}
  Inspector: --tunnel-host ${server.url}
  Status:    ${server.url}/api/status`);
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  keepServingOnBugs('tunnel server');
}

main().catch((error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') console.error(`Port in use: ${err.message}. Choose another with --port.`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
});

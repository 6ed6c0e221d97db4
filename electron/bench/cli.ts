import { parseArgs } from 'node:util';
import { startEngine } from '../engine/engine';
import { receiverBench, serveBare } from './receiver-bench';

/**
 * `npm run bench`: the speed targets, measured here and never asserted in tests.
 * Child modes (`--serve-bare`, `--serve-engine DIR`) are the servers under load.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'serve-bare': { type: 'boolean' },
      'serve-engine': { type: 'string' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '32' },
      only: { type: 'string' },
    },
  });
  if (values['serve-bare']) return serveBare();
  if (values['serve-engine']) {
    const engine = await startEngine({ dataDir: values['serve-engine'], mode: 'browser', receiverPort: 0, tunnel: { enabled: false }, log: () => {} });
    const status = await engine.status();
    console.log(`READY ${status.receiver.localUrl}`);
    process.on('SIGTERM', () => void engine.stop().then(() => process.exit(0)));
    return;
  }
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  console.log(`# Maximizer Webhook Inspector bench (node ${process.version}, ${new Date().toISOString()})`);
  const only = values.only?.split(',');
  if (!only || only.includes('receiver')) await receiverBench({ seconds, connections });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

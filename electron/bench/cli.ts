import { runDiffBench } from '@shared/changes/bench';
import { benchCli } from './cli-flags';
import { startEngine } from '../engine/engine';
import { receiverBench, serveBare, servePeer } from './receiver-bench';
import { uiBench } from './ui-bench';
import { shapesBench } from './shapes-bench';
import { lagBench } from './lag-bench';

/**
 * `npm run bench`: the speed targets, measured here and never asserted in tests.
 * Child modes (`--serve-bare`, `--serve-peer`, `--serve-engine DIR`) are the servers under load.
 */
async function main(): Promise<void> {
  const values = benchCli.parseOrExit(process.argv.slice(2));
  if (!values) return;
  if (values['serve-bare']) return serveBare();
  if (values['serve-peer']) return servePeer();
  if (values['serve-engine']) {
    const engine = await startEngine({ dataDir: values['serve-engine'], mode: 'browser', receiverPort: 0, tunnel: { enabled: false }, log: () => {} });
    const status = await engine.status();
    console.log(`READY ${status.receiver.localUrl}`);
    process.on('SIGTERM', () => void engine.stop().then(() => process.exit(0)));
    return;
  }
  const log = (line: string) => console.log(line);
  const only = values.only?.split(',');
  const run = (part: string) => !only || only.includes(part);
  log(`# Maximizer Webhook Inspector bench (node ${process.version}, ${new Date().toISOString()})`);
  if (run('receiver'))
    await receiverBench({
      seconds: values.seconds,
      connections: values.connections,
      rounds: values.rounds,
      kinds: values.servers,
      cpuProfDir: values['cpu-prof'],
      threads: values.threads,
    });
  if (run('lag'))
    await lagBench(
      { rate: values['lag-rate'], seconds: values['lag-seconds'], floodSeconds: values['flood-seconds'], connections: values.connections },
      log,
    );
  if (run('diff')) {
    const diff = runDiffBench();
    log(`\n## Changes view: diff of a ${(diff.payloadBytes / 1024 / 1024).toFixed(2)} MB update (${diff.fields} fields)`);
    log(`  median ${diff.medianMs.toFixed(1)} ms over ${diff.runs} runs (min ${diff.minMs.toFixed(1)}, max ${diff.maxMs.toFixed(1)}) (target < 50 ms)`);
  }
  if (run('shapes')) await shapesBench({ seconds: Number(values.seconds), connections: Number(values.connections) }, log);
  if (run('ui')) await uiBench(values.sizes.split(',').map(Number), log);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

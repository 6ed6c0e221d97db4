import { runDiffBench } from '@shared/changes/bench';
import type { BenchOptions } from '../cli/mwi/bench';
import { startEngine } from '../engine/engine';
import { receiverBench, serveBare, servePeer } from './receiver-bench';
import { uiBench } from './ui-bench';
import { shapesBench } from './shapes-bench';
import { lagBench } from './lag-bench';
import { desktopBench } from './desktop-bench';

/**
 * `mwi bench`: the speed targets, measured here and never asserted in tests.
 * Child modes (`--serve-bare`, `--serve-peer`, `--serve-engine DIR`) are the servers under load;
 * they run until the bench sends SIGTERM.
 */
export async function runBench(values: BenchOptions): Promise<void> {
  if (values.serveBare) return forever(serveBare());
  if (values.servePeer) return forever(servePeer());
  if (values.serveEngine) {
    const engine = await startEngine({ dataDir: values.serveEngine, mode: 'browser', receiverPort: 0, tunnel: { enabled: false }, log: () => {} });
    const status = await engine.status();
    console.log(`READY ${status.receiver.localUrl}`);
    process.on('SIGTERM', () => void engine.stop().then(() => process.exit(0)));
    return forever();
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
      cpuProfDir: values.cpuProf,
      threads: values.threads,
    });
  if (run('lag')) await lagBench({ rate: values.lagRate, seconds: values.lagSeconds, floodSeconds: values.floodSeconds, connections: values.connections }, log);
  if (run('diff')) {
    const diff = runDiffBench();
    log(`\n## Changes view: diff of a ${(diff.payloadBytes / 1024 / 1024).toFixed(2)} MB update (${diff.fields} fields)`);
    log(`  median ${diff.medianMs.toFixed(1)} ms over ${diff.runs} runs (min ${diff.minMs.toFixed(1)}, max ${diff.maxMs.toFixed(1)}) (target < 50 ms)`);
  }
  if (run('shapes')) await shapesBench({ seconds: values.seconds, connections: values.connections }, log);
  if (run('desktop')) await desktopBench(log);
  if (run('ui')) await uiBench(values.sizes.split(',').map(Number), log);
}

/** A child server keeps the process (and mwi's action) alive until its signal handler exits. */
const forever = async (started: void | Promise<void>): Promise<never> => {
  await started;
  return new Promise<never>(() => {});
};

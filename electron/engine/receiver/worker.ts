import { parentPort, workerData } from 'node:worker_threads';
import { openStore, RECEIVER_CACHE_KB } from '../store';
import { hostMessage, indexedMessage, rejectedMessage, workerConfig, type WorkerMessage } from './messages';
import { createReceiverServer } from './server';
import { ResponseSimulator } from './simulate';
import { WalSync } from './wal-sync';

/**
 * The receiver's own thread: its own SQLite connection and event loop, so a heavy
 * search on the engine's loop never delays an acknowledgement to Maximizer.
 */
const config = workerConfig.parse(workerData);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

try {
  // Commits skip the fsync; WalSync flushes the WAL on the thread pool before any ack.
  const store = openStore(config.dbPath, { synchronous: 'NORMAL', autoCheckpoint: false, cacheKb: RECEIVER_CACHE_KB });
  const walSync = new WalSync(`${config.dbPath}-wal`);
  const simulator = new ResponseSimulator(store, (state) => post({ type: 'response', state }));
  const { server, indexer, setSecrets } = createReceiverServer({
    store,
    simulator,
    walSync,
    secret: config.secret,
    maxBodyBytes: config.maxBodyBytes,
    onIndexed: (stored) => post(indexedMessage(stored)),
    onRejected: (rejections) => post(rejectedMessage(rejections)),
  });
  server.on('error', (error) => post({ type: 'failed', message: error.message }));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    post({ type: 'ready', port: typeof address === 'object' && address ? address.port : config.port });
  });
  parentPort!.on('message', (message: unknown) => {
    if (message === 'stop') server.close(() => (walSync.close(), store.close(), process.exit(0)));
    const parsed = hostMessage.safeParse(message);
    if (parsed.success && parsed.data.type === 'response') simulator.configure(parsed.data.state);
    if (parsed.success && parsed.data.type === 'index') indexer.kick();
    if (parsed.success && parsed.data.type === 'secrets') setSecrets(parsed.data.secrets);
  });
} catch (error) {
  post({ type: 'failed', message: (error as Error).message });
}

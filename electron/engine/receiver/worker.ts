import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/store';
import { indexedMessage, rejectedMessage, workerConfig, type WorkerMessage } from './messages';
import { createReceiverServer } from './server';

/**
 * The receiver's own thread: its own SQLite connection and event loop, so a heavy
 * search on the engine's loop never delays an acknowledgement to Maximizer.
 */
const config = workerConfig.parse(workerData);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

try {
  const store = openStore(config.dbPath, { synchronous: config.synchronous, autoCheckpoint: false });
  const { server } = createReceiverServer({
    store,
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
    if (message === 'stop') server.close(() => (store.close(), process.exit(0)));
  });
} catch (error) {
  post({ type: 'failed', message: (error as Error).message });
}

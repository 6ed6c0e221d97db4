import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine';
import { createUiServer } from './http';
import { publishInstance, type InstanceInfo } from './instance';

export interface AutomationServer {
  port: number;
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The UI and automation API on 127.0.0.1, published in the data folder (see instance.ts) so
 * `mwi` finds it. Browser mode, the desktop app and `mwi listen` all start it this way.
 */
export async function startAutomationServer(
  engine: Engine,
  options: { port: number; token?: string; staticDir: string; kind: InstanceInfo['kind'] },
): Promise<AutomationServer> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const server = createUiServer({ engine, port: options.port, token, staticDir: options.staticDir });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://127.0.0.1:${port}`;
  const unpublish = publishInstance(engine.context.dataDir, { pid: process.pid, kind: options.kind, url, token, startedAt: Date.now() });
  return {
    port,
    url,
    token,
    async close() {
      unpublish();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

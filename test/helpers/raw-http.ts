import { connect } from 'node:net';

export interface RawAnswer {
  /** The status of the first response, or null when the server closed without one (or timed out). */
  status: number | null;
  text: string;
  timedOut: boolean;
}

/**
 * Writes `bytes` to a fresh TCP connection as they are (no HTTP client to tidy them up), half-closes,
 * and collects whatever comes back until the server closes or `timeoutMs` passes.
 */
export function rawExchange(port: number, bytes: Buffer | string, timeoutMs = 2_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : null, text, timedOut });
    };
    const timer = setTimeout(() => done(true), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('connect', () => {
      socket.write(bytes);
      socket.end();
    });
  });
}

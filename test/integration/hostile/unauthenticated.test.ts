import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { startTunnelServer, type TunnelServer } from '../../../electron/engine/tunnel/server';
import { eventually } from '../../helpers/serve';
import { rawExchange } from '../../helpers/raw-http';

/**
 * Requests without the secret, through the public URL, as an attacker would send them: none of
 * them may keep a real webhook from its 200 (issue 25).
 */

let dataDir: string;
let engine: Engine;
let tunnel: TunnelServer;
let secret: string;
let publicPath: string;
let receiverPort: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mwi-unauth-'));
  tunnel = await startTunnelServer({ port: 0 });
  engine = await startEngine({
    dataDir,
    mode: 'browser',
    receiverPort: 0,
    receiverThread: 'inline',
    tunnel: { enabled: true, host: tunnel.url },
    log: () => {},
  });
  const status = await engine.status();
  secret = status.receiver.secret;
  receiverPort = status.receiver.port;
  const online = await eventually(async () => {
    const t = await engine.handlers.tunnelStatus(undefined);
    return t.state === 'online' && (tunnel.clients()[0]?.connectedSockets ?? 0) >= 10 ? t : undefined;
  }, 20_000);
  publicPath = new URL(online.publicUrl!).pathname;
}, 30_000);

afterAll(async () => {
  await engine?.stop();
  await tunnel?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const webhook = (id: string) =>
  fetch(`http://127.0.0.1:${tunnel.port}${publicPath}/hooks`, {
    method: 'POST',
    headers: { 'x-inspector-secret': secret, 'content-type': 'application/json' },
    body: JSON.stringify([{ Id: id, Entity: 'Lead', Data: { Op: 'create' } }]),
    signal: AbortSignal.timeout(8_000),
  });

/** Opens a request with `head` and then sends one byte of its body a second, until stopped. */
function trickle(port: number, head: string): { socket: Socket; stop(): void } {
  const socket = connect({ host: '127.0.0.1', port }, () => socket.write(head));
  socket.on('error', () => {});
  const timer = setInterval(() => socket.writable && socket.write('a'), 1_000);
  return { socket, stop: () => (clearInterval(timer), socket.destroy()) };
}

describe('unauthenticated requests through the tunnel', () => {
  it('ten probes trickling a body do not hold the tunnel: a real webhook still gets its 200', async () => {
    const head = `POST ${publicPath}/hooks/__probe HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Inspector-Probe: abc123\r\nContent-Length: 1000\r\n\r\n`;
    const attackers = Array.from({ length: 10 }, () => trickle(tunnel.port, head));
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      for (let i = 0; i < 3; i++) {
        const answer = await webhook(`probe-attack-${i}`);
        expect(answer.status).toBe(200);
      }
    } finally {
      attackers.forEach((a) => a.stop());
    }
  }, 30_000);

  it('a flood of wrong secrets is answered 429 at once, and the right secret from the same sender still gets its 200', async () => {
    const guess = () => rawExchange(receiverPort, 'POST /hooks HTTP/1.1\r\nHost: x\r\nX-Inspector-Secret: guessed-wrong\r\nContent-Length: 2\r\n\r\n{}');
    const answers = [];
    for (let round = 0; round < 20; round++) answers.push(...(await Promise.all(Array.from({ length: 10 }, guess))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(150);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.text).toMatch(/retry-after: \d+/i);
    expect(limited.text.toLowerCase()).toContain('connection: close');
    // Straight after, from the same address, and through the tunnel: deliveries are never limited.
    const direct = await fetch(`http://127.0.0.1:${receiverPort}/hooks`, {
      method: 'POST',
      headers: { 'x-inspector-secret': secret },
      body: '[{"Id":"after-flood","Entity":"Lead","Data":{"Op":"create"}}]',
    });
    expect(direct.status).toBe(200);
    expect((await webhook('after-flood-tunnel')).status).toBe(200);
  }, 30_000);

  it('a probe with a body is refused; a probe without one is answered and its connection closed', async () => {
    const withBody = await rawExchange(receiverPort, `POST /hooks/__probe HTTP/1.1\r\nHost: x\r\nX-Inspector-Probe: abc\r\nContent-Length: 2\r\n\r\n{}`);
    expect(withBody.status).toBe(400);
    expect(withBody.text.toLowerCase()).toContain('connection: close');
    const chunked = await rawExchange(
      receiverPort,
      `POST /hooks/__probe HTTP/1.1\r\nHost: x\r\nX-Inspector-Probe: abc\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n`,
    );
    expect(chunked.status).toBe(400);
    const plain = await rawExchange(receiverPort, `GET /hooks/__probe HTTP/1.1\r\nHost: x\r\nX-Inspector-Probe: abc\r\n\r\n`);
    expect(plain.status).toBe(200);
    expect(plain.text.toLowerCase()).toContain('connection: close');
    expect(plain.text).toMatch(/\r\n\r\nabc$/);
  });
});

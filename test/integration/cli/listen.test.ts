import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTunnelServer } from '../../../electron/engine/tunnel/server';
import { startHandler, type Handler } from '../forwarding/handler';
import { instanceApi, mwi, startListen, type Listening } from './mwi';

let dataDir: string;
let listening: Listening | undefined;
let handler: Handler | undefined;

const fresh = () => (dataDir = mkdtempSync(join(tmpdir(), 'mwi-cli-')));
// The engine this command starts: no public tunnel, and a sandbox that sends only what the test triggers.
const owned = () => ['--data-dir', dataDir, '--no-tunnel', '--sandbox-rate', '0'];

afterEach(async () => {
  await listening?.interrupt();
  listening = undefined;
  await handler?.close();
  handler = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('mwi listen (headless engine)', () => {
  it('forwards to a handler answering 500 then 200: prints the event and both attempts, forwards the exact bytes twice', async () => {
    fresh();
    // Per webhook: the first delivery fails, the retry succeeds.
    handler = await startHandler((hit) => ({ status: handler!.hits.filter((h) => h.body.equals(hit.body)).length === 1 ? 500 : 200 }));
    // Without a scheme, as Stripe's CLI takes it: http:// is assumed.
    listening = await startListen([...owned(), '--events', 'Lead.create', '--forward-to', handler.url.replace(/^http:\/\//, '')]);
    await listening.waitFor(/Ctrl-C to stop/);
    // The target URL carries no secret (the target sends it as a header), so the terminal never shows it.
    expect(listening.stdout()).toMatch(/Listening on Sandbox · target URL http:\/\/127\.0\.0\.1:\d+\/hooks\s/);
    expect(listening.stdout()).not.toContain('secret=');
    expect(listening.stdout()).toContain(`Forwarding to ${handler.url}`);

    // The discovery file: 0600, naming this process, so other commands attach.
    const file = join(dataDir, 'automation.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const api = instanceApi(dataDir);
    expect(api.info.pid).toBe(listening.child.pid);
    expect(api.info.kind).toBe('cli');

    const triggered = await mwi(['trigger', 'Lead.create', '--data-dir', dataDir]);
    expect(triggered.code, triggered.stderr).toBe(0);
    expect(triggered.stderr).toContain('Attached to `mwi listen`');
    const id = Number(/received as #(\d+)/.exec(triggered.stdout)![1]);

    // The Entity spelled as every view spells it (Lead), whatever case the payload used.
    const eventLine = await listening.waitFor(new RegExp(`#${id}  Lead\\.create\\s+Lead \\S+  created .+ with \\d+ fields  attempt 1`));
    expect(eventLine[0]).toBeTruthy();
    const forward = await listening.waitFor(
      new RegExp(`↳ #${id} → ${handler.url.replace(/[/.?]/g, '\\$&')}  #1 500 \\d+ ms · #2 200 \\d+ ms  Maximizer would retry: delivered on attempt 2 of 3.*`),
    );
    expect(forward[0]).toContain('answered 500');

    expect(handler.hits).toHaveLength(2);
    const stored = await api.call<{ requests: { bodyBase64: string }[]; recordKey: string }>('getEvent', { id });
    const bytes = Buffer.from(stored.requests[0]!.bodyBase64, 'base64');
    expect(handler.hits[0]!.body.equals(bytes)).toBe(true);
    expect(handler.hits[1]!.body.equals(bytes)).toBe(true);
    expect(listening.stdout()).not.toMatch(/\x1b\[/); // not a terminal: no colour

    expect(await listening.interrupt()).toBe(0);
    expect(existsSync(file)).toBe(false);

    // With nothing running, the one-shot commands start the engine for themselves.
    const listed = await mwi(['events', '--data-dir', dataDir, '--entity', 'lead', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: number })[0]!.id,
    ).toBe(id);
    const shown = await mwi(['show', String(id), '--data-dir', dataDir]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/Changes\n {2}\+ /);
    expect(shown.stdout).toMatch(/#1 500 .* #2 200/);
    // Keys read as what they name; the base64 stays only in the payload as sent and dimmed on the Key line.
    const key = stored.recordKey;
    expect(shown.stdout).toMatch(/\nKeys\n {2}\S*Key: Lead \S+/);
    const beforePayload = shown.stdout.slice(0, shown.stdout.indexOf('\nPayload'));
    expect(
      beforePayload
        .split('\n')
        .filter((l) => l.includes(key))
        .map((l) => l.slice(0, 4)),
    ).toEqual(['Key ']);
    const replayed = await mwi(['replay', String(id), '--to', handler.url, '--data-dir', dataDir]);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toMatch(/#1 200 \d+ ms {2}Delivered: 200/);
    expect(handler.hits[2]!.body.equals(bytes)).toBe(true);
  }, 60_000);

  it('with the tunnel, the target moves to the public URL and webhooks arrive through it', async () => {
    fresh();
    const tunnelServer = await startTunnelServer({ port: 0, log: () => {} });
    try {
      listening = await startListen(['--data-dir', dataDir, '--sandbox-rate', '0', '--tunnel-host', tunnelServer.url, '--events', 'Lead.create']);
      const moved = await listening.waitFor(/Target URL is now (http:\/\/\S+)/, 30_000);
      const publicTarget = new URL(moved[1]!);
      expect(publicTarget.host).toContain(new URL(tunnelServer.url).hostname);
      const triggered = await mwi(['trigger', 'Lead.create', '--data-dir', dataDir]);
      expect(triggered.code, triggered.stderr).toBe(0);
      const id = /received as #(\d+)/.exec(triggered.stdout)![1];
      await listening.waitFor(new RegExp(`#${id}  lead\\.create`, 'i'));
      // It came through the tunnel: the stored request carries the tunnel server's forwarding headers.
      const event = await instanceApi(dataDir).call<{ requests: { headers: [string, string][] }[] }>('getEvent', { id: Number(id) });
      expect(event.requests[0]!.headers.map(([name]) => name.toLowerCase())).toContain('x-forwarded-for');
      expect(await listening.interrupt()).toBe(0);
    } finally {
      await tunnelServer.stop();
    }
  }, 60_000);

  it('--json prints one parseable object per webhook with stable field names, and nothing else on stdout', async () => {
    fresh();
    handler = await startHandler(() => ({ status: 200 }));
    listening = await startListen([...owned(), '--events', 'Lead.update', '--forward-to', handler.url, '--json']);
    await eventuallyStderr(listening, /Ctrl-C to stop/);
    const triggered = await mwi(['trigger', 'Lead.update', '--count', '2', '--data-dir', dataDir]);
    expect(triggered.code, triggered.stderr).toBe(0);
    await listening.waitFor(/(\n.*){2}/);
    await new Promise((r) => setTimeout(r, 300));
    const objects = listening.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects).toHaveLength(2);
    for (const o of objects) {
      expect(Object.keys(o).sort()).toEqual(
        ['attempts', 'entity', 'forward', 'id', 'key', 'op', 'origin', 'parseError', 'receivedAt', 'summary', 'version', 'webhookId'].sort(),
      );
      expect(String(o.entity).toLowerCase()).toBe('lead');
      expect(o.op).toBe('update');
      expect((o.key as { type: string }).type).toBe('Lead');
      const forward = o.forward as { state: string; attempts: { attempt: number; status: number }[]; verdict: string };
      expect(forward.state).toBe('delivered');
      expect(forward.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 200 })]);
    }
    expect(objects.map((o) => o.webhookId).sort()).toEqual([...triggered.stdout.matchAll(/Lead\.update (\S+) → received/g)].map((m) => m[1]).sort());
    expect(await listening.interrupt()).toBe(0);
  }, 60_000);
});

async function eventuallyStderr(l: Listening, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!pattern.test(l.stderr())) {
    if (Date.now() > deadline || l.child.exitCode !== null) throw new Error(`not seen on stderr: ${pattern}\n${l.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

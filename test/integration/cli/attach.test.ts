import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventSummary, Subscription } from '../../../shared/contract';
import { startStandaloneSandbox } from '../../helpers/commands';
import { eventually, repoRoot, startServe, type Served } from '../../helpers/serve';
import { mwi, startListen, type Listening } from './mwi';

let served: Served | undefined;
let listening: Listening | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await listening?.interrupt();
  listening = undefined;
  await served?.close();
  served = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

const ownPairs = async (s: Served) =>
  (await s.call('listSubscriptions')).items
    .filter((x: Subscription) => x.own)
    .map((x: Subscription) => `${x.entity}.${x.op}#${x.subscriptionId}`)
    .sort();

describe('mwi listen with browser mode running on the same data folder', () => {
  it('attaches to it: one receiver, the same events in both', async () => {
    served = await startServe();
    const receiverPort = new URL(served.receiverUrl).port;
    listening = await startListen(['--data-dir', served.dataDir, '--events', 'Lead.create']);
    await listening.waitFor(/Ctrl-C to stop/);
    expect(listening.stderr()).toMatch(/Attached to browser mode \(pid \d+\)/);
    expect(listening.stderr()).not.toContain('Starting the engine');
    // The target is browser mode's receiver, and the published instance is still browser mode's.
    const target = /target URL (\S+)/.exec(listening.stdout())![1]!;
    expect(new URL(target).port).toBe(receiverPort);
    const published = JSON.parse(readFileSync(join(served.dataDir, 'automation.json'), 'utf8')) as { kind: string; url: string };
    expect(published.kind).toBe('browser');
    expect(published.url).toBe(served.baseUrl);

    const { id: webhookId } = await served.call('sandboxGenerate', { kind: 'lead.create' });
    const line = await listening.waitFor(/#(\d+) {2}lead\.create .*\n/i);
    const seenByBrowserMode = await eventually(async () =>
      (await served!.call('listEvents', { entity: 'lead' })).items.find((e: EventSummary) => e.webhookId === webhookId),
    );
    expect(Number(line[1])).toBe(seenByBrowserMode.id);

    // `mwi status` sees browser mode too.
    const status = await mwi(['status', '--json', '--data-dir', served.dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: { kind: 'browser', url: served.baseUrl }, receiver: { port: Number(receiverPort) } });
    expect(JSON.parse(status.stdout).counts).toMatchObject({ pending: 0, oldestPendingAt: null, indexLagMs: 0 });
    const text = await mwi(['status', '--data-dir', served.dataDir]);
    expect(text.stdout).toMatch(/^Indexing +up to date$/m);

    expect(await listening.interrupt()).toBe(0);
    // Browser mode keeps running and keeps its published file.
    expect(existsSync(join(served.dataDir, 'automation.json'))).toBe(true);
    expect((await served.call('status')).counts.events).toBeGreaterThan(0);
  }, 60_000);

  it('Ctrl-C removes exactly the subscriptions the run created; --keep keeps them', async () => {
    served = await startServe();
    await served.call('subscribe', { entity: 'AbEntry', op: 'update' });
    const before = await ownPairs(served);
    expect(before.some((p) => p.startsWith('Lead.create#'))).toBe(true);

    listening = await startListen(['--data-dir', served.dataDir, '--events', 'Lead.create,AbEntry.update,Lead.read,AbEntry.delete']);
    await listening.waitFor(/Ctrl-C to stop/);
    expect(listening.stdout()).toContain('Subscribed for this run: Lead.read, AbEntry.delete (removed on exit)');
    expect(listening.stdout()).toMatch(/Already subscribed: Lead\.create, AbEntry\.update/);
    const during = await ownPairs(served);
    expect(during.filter((p) => !before.includes(p)).map((p) => p.split('#')[0])).toEqual(['AbEntry.delete', 'Lead.read']);

    expect(await listening.interrupt()).toBe(0);
    expect(listening.stderr()).toContain('Removed the subscriptions this run created: Lead.read, AbEntry.delete');
    expect(await ownPairs(served)).toEqual(before);
    // and its forward rules are gone as well (there were none: no --forward-to)
    expect((await served.call('listForwardRules')).items).toEqual([]);

    listening = await startListen(['--data-dir', served.dataDir, '--events', 'Lead.read', '--keep', '--forward-to', 'http://127.0.0.1:9/']);
    await listening.waitFor(/Ctrl-C to stop/);
    expect((await served.call('listForwardRules')).items).toHaveLength(1);
    expect(await listening.interrupt()).toBe(0);
    const after = await ownPairs(served);
    expect(after.filter((p) => !before.includes(p)).map((p) => p.split('#')[0])).toEqual(['Lead.read']);
    expect((await served.call('listForwardRules')).items).toEqual([]);
  }, 60_000);

  it('`trigger` makes an event arrive in a running listen attached to browser mode', async () => {
    served = await startServe();
    listening = await startListen(['--data-dir', served.dataDir, '--events', 'Opportunity.update']);
    await listening.waitFor(/Ctrl-C to stop/);
    const triggered = await mwi(['trigger', 'Opportunity.update', '--data-dir', served.dataDir]);
    expect(triggered.code, triggered.stderr).toBe(0);
    const id = /received as #(\d+)/.exec(triggered.stdout)![1];
    await listening.waitFor(new RegExp(`#${id}  Opportunity\\.update`, 'i'));
  }, 60_000);
});

describe('mwi trigger', () => {
  it('connected to a real CRM, sends a Maximizer-shaped test event to the receiver', async () => {
    const crm = await startStandaloneSandbox({ admin: 'admin-token-cli-1' });
    try {
      served = await startServe();
      await served.call('connect', { baseUrl: crm.baseUrl, token: 'admin-token-cli-1', label: 'Test CRM' });
      const triggered = await mwi(['trigger', 'Lead.update', '--data-dir', served.dataDir]);
      expect(triggered.code, triggered.stderr).toBe(0);
      expect(triggered.stderr).toContain('sent a Maximizer-shaped test event to the receiver');
      const id = Number(/received as #(\d+)/.exec(triggered.stdout)![1]);
      const event = await served.call('getEvent', { id });
      expect(event).toMatchObject({ op: 'update', origin: 'test' });
      expect(event.entity?.toLowerCase()).toBe('lead');
    } finally {
      crm.child.kill();
    }
  }, 60_000);

  it('listen --connection switches for the run and back on Ctrl-C', async () => {
    const crm = await startStandaloneSandbox({ admin: 'admin-token-cli-2' });
    try {
      served = await startServe();
      await served.call('connect', { baseUrl: crm.baseUrl, token: 'admin-token-cli-2', label: 'Test CRM' });
      listening = await startListen(['--data-dir', served.dataDir, '--connection', 'sandbox', '--events', 'Lead.create']);
      await listening.waitFor(/Ctrl-C to stop/);
      expect(listening.stdout()).toContain('Listening on Sandbox');
      expect((await served.call('connectionStatus')).kind).toBe('sandbox');
      expect(await listening.interrupt()).toBe(0);
      expect(await served.call('connectionStatus')).toMatchObject({ kind: 'maximizer', label: 'Test CRM', connected: true });

      const unknown = await mwi(['listen', '--connection', 'Nope', '--data-dir', served.dataDir]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/mwi: There is no saved connection "Nope"\. Saved: Sandbox, Test CRM/);
    } finally {
      crm.child.kill();
    }
  }, 60_000);

  it('with nothing running, starts the engine on the sandbox for the call; an unsubscribed pair is reported, exit 1', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mwi-trigger-'));
    const ok = await mwi(['trigger', 'Lead.create', '--data-dir', dataDir]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Starting the engine');
    expect(ok.stdout).toMatch(/Lead\.create \S+ → received as #1/);
    const nobody = await mwi(['trigger', 'Task.create', '--wait', '2', '--data-dir', dataDir]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/mwi: 1 of 1 did not reach this app within 2 s: is Task\.create subscribed\?/);
  }, 60_000);
});

describe('finding a running instance', () => {
  it('a file left by a crashed instance is detected and removed; status then reports nothing running', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mwi-stale-'));
    // A pid that no longer exists…
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    const file = join(dataDir, 'automation.json');
    writeFileSync(file, JSON.stringify({ pid: gone.pid, kind: 'browser', url: 'http://127.0.0.1:9', token: 'stale-token-123', startedAt: Date.now() }), {
      mode: 0o600,
    });
    let status = await mwi(['status', '--json', '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).running).toBeNull();
    expect(existsSync(file)).toBe(false);

    // …and a live pid (a reused one) whose port does not answer.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, kind: 'desktop', url: `http://127.0.0.1:${port}`, token: 'stale-token-456', startedAt: Date.now() }),
      { mode: 0o600 },
    );
    status = await mwi(['status', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(status.stdout).running).toBeNull();
    expect(existsSync(file)).toBe(false);
  }, 30_000);

  it('browser mode refuses to start a second receiver on a data folder in use', async () => {
    served = await startServe();
    await expect(startServe({ dataDir: served.dataDir })).rejects.toThrow(/Already running on .*browser mode \(pid \d+\)/);
  }, 30_000);
});

describe('conventions', () => {
  it.skipIf(!existsSync('/usr/bin/script'))(
    'colour only on a terminal, and never with NO_COLOR',
    () => {
      dataDir = mkdtempSync(join(tmpdir(), 'mwi-colour-'));
      // A user's terminal: TERM set, no CI marker (node turns colour off under an unknown CI).
      const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
      delete env.FORCE_COLOR;
      delete env.NO_COLOR;
      delete env.CI;
      const command = `"${process.execPath}" "${join(repoRoot, 'out/main/mwi.js')}" status --data-dir "${dataDir}"`;
      // `script` gives the command a pseudo-terminal, as a user's shell would.
      const onTerminal = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { env, encoding: 'utf8' });
      expect(onTerminal.stdout).toMatch(/\x1b\[\d+m/);
      const noColor = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
      expect(noColor.stdout).toContain('Data folder');
      expect(noColor.stdout).not.toMatch(/\x1b\[/);
      const piped = spawnSync(process.execPath, [join(repoRoot, 'out/main/mwi.js'), 'status', '--data-dir', dataDir], { env, encoding: 'utf8' });
      expect(piped.stdout).toContain('Data folder');
      expect(piped.stdout + piped.stderr).not.toMatch(/\x1b\[/);
    },
    30_000,
  );

  it('usage mistakes exit 2 with one plain line; errors exit 1; --help answers every command with examples', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mwi-usage-'));
    const bad = await mwi(['trigger', 'Lead', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/"Lead" is not Entity\.Op/);
    const badFilter = await mwi(['listen', '--events', 'Lead.update', '--filter', '{"Status": {"$eq": 1}}', '--data-dir', dataDir]);
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toMatch(/operators are upper case: \$EQ/);
    expect((await mwi(['frobnicate'])).code).toBe(2);
    expect((await mwi([])).code).toBe(2);

    const missing = await mwi(['show', '999', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(/^mwi: .*999/);

    for (const command of ['listen', 'trigger', 'events', 'show', 'replay', 'status']) {
      const help = await mwi([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: mwi ${command}`);
      expect(help.stdout, command).toMatch(/Examples:\n {2}\$ mwi /);
    }
  }, 60_000);
});

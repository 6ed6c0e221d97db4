import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, Job } from '../../../shared/contract';
import { startEngine, type Engine } from '../../../electron/engine/engine';
import { eventually, startServe, type Served } from '../../helpers/serve';
import { guideExample, officialSamples } from '../../helpers/reference';
import { sha256 } from './handler';

let served: Served;
beforeAll(async () => {
  served = await startServe();
});
afterAll(async () => served?.close());

const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(served.receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function allEvents(): Promise<EventDetail[]> {
  const out: EventDetail[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await served.call('listEvents', { limit: 1000, before });
    for (const item of page.items) out.push(await served.call('getEvent', { id: item.id }));
    if (!page.nextCursor) return out;
    before = page.nextCursor;
  }
}

/** What must survive a round trip: each event's Id and the exact bytes of the request that created it. */
const fingerprint = (e: EventDetail) =>
  `${e.webhookId ?? '-'} ${sha256(Buffer.from(e.requests[0]!.bodyBase64, 'base64'))} ${e.requests[0]!.contentEncoding ?? ''}`;

/** Every kind of body the receiver keeps: official samples, an array body, gzip, binary, malformed, and a retry. */
async function postCorpus(): Promise<number> {
  const bodies: [string | Buffer, Record<string, string>][] = [
    ...officialSamples().map((s) => [s.raw, {}] as [string, Record<string, string>]),
    [guideExample(), {}],
    [
      gzipSync(JSON.stringify({ Id: 'rt-gzip', Entity: 'Lead', Data: { Op: 'create', New: { Key: 'a', Name: 'Zoë ✓' }, Version: '0.8' } })),
      { 'content-encoding': 'gzip' },
    ],
    [Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b, 0x0a]), { 'content-type': 'application/octet-stream' }],
    ['{"Id": "rt-broken", "Entity": ', {}],
    [JSON.stringify({ Id: 'rt-retry', Entity: 'Lead', Data: { Op: 'update', Original: { Key: 'a' }, New: { Key: 'a' }, Version: '0.8' } }), {}],
    [JSON.stringify({ Id: 'rt-retry', Entity: 'Lead', Data: { Op: 'update', Original: { Key: 'a' }, New: { Key: 'a' }, Version: '0.8' } }), {}],
  ];
  for (const [body, headers] of bodies) expect((await post(body, headers)).status).toBe(200);
  const status = await eventually(async () => {
    const s = await served.call('status');
    return (s.counts as { pending?: number }).pending === 0 ? s : undefined;
  });
  return status.counts.events;
}

describe('export → import round trip', () => {
  it.each(['ndjson', 'json', 'har'] as const)('%s: every event comes back with its raw bytes, marked imported', async (format) => {
    await served.call('clearEvents');
    const count = await postCorpus();
    const originals = await allEvents();
    expect(originals).toHaveLength(count);

    const job = await served.call('exportEvents', { format, wait: true });
    expect(job).toMatchObject({ state: 'done', done: count, total: count });
    const content = readFileSync(job.output!.path, 'utf8');
    // The receiver's secret does not leak into a file meant to be shared.
    expect(content).not.toContain(new URL(served.receiverUrl).searchParams.get('secret')!);
    if (format === 'har') expect((JSON.parse(content) as { log: { version: string } }).log.version).toBe('1.2');

    // Into an emptied database (the same one would already have every request: see idempotency below).
    await served.call('clearEvents');
    const imported = await served.call('importEvents', { content, wait: true });
    expect(imported.state).toBe('done');
    expect(imported.imported!.problems).toEqual([]);
    const back = await eventually(async () => {
      const events = await allEvents();
      return events.length === count && events.every((e) => e.origin === 'imported') ? events : undefined;
    });
    expect(back.map(fingerprint).sort()).toEqual(originals.map(fingerprint).sort());
    // Retries come back as attempts of their event, not as events of their own and not dropped.
    const attempts = (events: EventDetail[]) => events.map((e) => `${e.webhookId ?? '-'} ${e.attempts} ${e.requests.length}`).sort();
    expect(attempts(back)).toEqual(attempts(originals));
    expect(back.find((e) => e.webhookId === 'rt-retry')).toMatchObject({ attempts: 2 });

    // Importing the same file again adds nothing: every request is already stored (same bytes, same time).
    const again = await served.call('importEvents', { content, wait: true });
    expect(again).toMatchObject({ state: 'done', imported: { requests: 0 } });
    expect(again.imported!.existing).toBeGreaterThanOrEqual(count);
    expect((await served.call('status')).counts.events).toBe(count);
  });

  it('ndjson: the bytes as they came over the wire (gzip) survive too', async () => {
    await served.call('clearEvents');
    const wire = gzipSync('{"Id": "rt-wire", "Entity": "Lead", "Data": {"Op": "create", "Version": "0.8"}}');
    await post(wire, { 'content-encoding': 'gzip' });
    const original = await eventually(async () => (await served.call('listEvents', { limit: 5 })).items[0]);
    const first = await served.call('exportEvents', { format: 'ndjson', wait: true });
    await served.call('clearEvents');
    await served.call('importEvents', { content: readFileSync(first.output!.path, 'utf8'), wait: true });
    const copy = await eventually(async () => (await served.call('listEvents', { limit: 5 })).items.find((e) => e.origin === 'imported'));
    const again = await served.call('exportEvents', { format: 'ndjson', ids: [copy.id], wait: true });
    const line = (path: string, id: number) =>
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id?: number; requests?: { bodyEncodedBase64?: string }[] })
        .find((l) => l.id === id)!;
    expect(Buffer.from(line(again.output!.path, copy.id).requests![0]!.bodyEncodedBase64!, 'base64').equals(wire)).toBe(true);
    expect(line(first.output!.path, original.id).requests![0]!.bodyEncodedBase64).toBe(wire.toString('base64'));
  });

  const exportLine = (id: string, receivedAt = 5) =>
    JSON.stringify({
      type: 'event',
      requests: [
        { receivedAt, bodyBase64: Buffer.from(JSON.stringify({ Id: id, Entity: 'Lead', Data: { Op: 'create', Version: '0.8' } })).toString('base64') },
      ],
    });

  it('reports lines it cannot import, runs of one reason grouped, and imports the rest', async () => {
    const lines = [exportLine('grp-1'), '{"type":"event","requests":[]}', ...Array.from({ length: 7 }, () => 'not json'), exportLine('grp-2'), 'not json'];
    const job = await served.call('importEvents', { content: lines.join('\n'), format: 'ndjson', wait: true });
    expect(job.state).toBe('done');
    expect(job.imported).toMatchObject({ requests: 2, skipped: 9 });
    expect(job.imported!.problems).toEqual([expect.stringMatching(/^line 2: requests/), 'lines 3–9: not JSON', 'line 11: not JSON']);
  });

  it('fails clearly on a file that holds nothing importable (5 MB of junk) and on an empty file', async () => {
    const junk = Array.from({ length: 50_000 }, (_, i) => `junk ${i} ${'x'.repeat(90)}`).join('\n');
    expect(junk.length).toBeGreaterThan(5_000_000);
    const job = await served.call('importEvents', { content: junk, wait: true });
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/^Nothing could be imported: this is not a Maximizer Webhook Inspector export .*lines 1–50000: not JSON/);
    expect(job.imported).toMatchObject({ requests: 0, problems: ['lines 1–50000: not JSON'] });

    const blank = await served.call('importEvents', { content: ' \n\n ', wait: true });
    expect(blank).toMatchObject({ state: 'failed', error: 'The file is empty: nothing to import.' });
    await expect(served.call('importEvents', { content: '', wait: true })).rejects.toThrow();
  });

  it('is idempotent: the same request (bytes and received time) is never stored twice, within a file or across imports', async () => {
    await served.call('clearEvents');
    const content = [exportLine('idem-1'), exportLine('idem-2'), exportLine('idem-1')].join('\n');
    const first = await served.call('importEvents', { content, wait: true });
    expect(first.imported).toMatchObject({ requests: 2, repeats: 1, existing: 0 });
    const second = await served.call('importEvents', { content, wait: true });
    expect(second).toMatchObject({ state: 'done', imported: { requests: 0, existing: 2, repeats: 1 } });
    // The same body at another time is another delivery: stored.
    const later = await served.call('importEvents', { content: exportLine('idem-1', 6), wait: true });
    expect(later.imported).toMatchObject({ requests: 1 });
    await eventually(async () => (await served.call('status')).counts.pending === 0 || undefined);
    expect((await served.call('listEvents', { text: 'idem', limit: 10 })).items.map((e) => [e.webhookId, e.attempts]).sort()).toEqual([
      ['idem-1', 2],
      ['idem-2', 1],
    ]);
  });

  it('imports HAR entries only with a real HTTP method', async () => {
    const entry = (method: string, id: string) => ({
      request: {
        method,
        url: 'http://127.0.0.1:1/hooks',
        headers: [],
        postData: { mimeType: 'application/json', text: JSON.stringify({ Id: id, Entity: 'Lead', Data: { Op: 'create' } }) },
      },
    });
    const har = { log: { version: '1.2', entries: [entry('post', 'har-ok'), entry("POST';id;'", 'har-bad'), entry('FOO', 'har-foo')] } };
    const job = await served.call('importEvents', { content: JSON.stringify(har), format: 'har', wait: true });
    expect(job.imported).toMatchObject({ requests: 1, skipped: 2 });
    expect(job.imported!.problems.join('\n')).toContain('not an HTTP method');
    const ok = await eventually(async () => (await served.call('listEvents', { text: 'har-ok', limit: 5 })).items[0]);
    expect((await served.call('getEvent', { id: ok.id })).requests[0]!.method).toBe('POST');
  });

  it('imports header values with a line break as one header (no injected ones), and drops names that are not names', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            request: {
              method: 'POST',
              url: 'http://127.0.0.1:1/hooks',
              headers: [
                { name: 'X-Note', value: 'a\r\nX-Injected: yes' },
                { name: 'Bad Name', value: 'x' },
                { name: 'Content-Type', value: 'application/json' },
              ],
              postData: { mimeType: 'application/json', text: JSON.stringify({ Id: 'har-crlf', Entity: 'Lead', Data: { Op: 'create' } }) },
            },
          },
        ],
      },
    };
    const job = await served.call('importEvents', { content: JSON.stringify(har), format: 'har', wait: true });
    expect(job.imported).toMatchObject({ requests: 1, skipped: 0 });
    const ok = await eventually(async () => (await served.call('listEvents', { text: 'har-crlf', limit: 5 })).items[0]);
    expect((await served.call('getEvent', { id: ok.id })).requests[0]!.headers).toEqual([
      ['X-Note', 'a X-Injected: yes'],
      ['Content-Type', 'application/json'],
    ]);
  });
});

describe('long exports and imports', () => {
  let engine: Engine;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mwi-export-'));
    engine = await startEngine({ dataDir, mode: 'browser', receiverPort: 0, receiverThread: 'inline', tunnel: { enabled: false }, log: () => {} });
  });
  afterAll(async () => {
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('report progress on the bus and stop when cancelled, leaving no partial file', async () => {
    const progress: Job[] = [];
    engine.bus.on('jobs.progress', (job) => progress.push(job));
    const line = (i: number) =>
      JSON.stringify({
        type: 'event',
        requests: [
          {
            receivedAt: 1,
            headers: [['Content-Type', 'application/json']],
            bodyBase64: Buffer.from(JSON.stringify({ Id: `bulk-${i}`, Entity: 'Lead', Data: { Op: 'create', Version: '0.8' } })).toString('base64'),
          },
        ],
      });
    const content = Array.from({ length: 1500 }, (_, i) => line(i)).join('\n');
    const imported = await engine.handlers.importEvents({ content, format: 'auto', wait: true });
    expect(imported).toMatchObject({ state: 'done', total: 1500, done: 1500, imported: { requests: 1500, skipped: 0 } });
    expect(progress.filter((j) => j.id === imported.id).map((j) => j.state)).toEqual(expect.arrayContaining(['running', 'done']));
    await eventually(() => engine.context.store.counts().events === 1500, 20_000);

    const full = await engine.handlers.exportEvents({ format: 'ndjson', includeSecrets: false, wait: true });
    const updates = progress.filter((j) => j.id === full.id);
    expect(updates.filter((j) => j.state === 'running').map((j) => j.total)).toContain(1500);
    expect(updates.at(-1)).toMatchObject({ state: 'done', done: 1500 });
    expect(readFileSync(full.output!.path, 'utf8').trim().split('\n')).toHaveLength(1501);

    const started = await engine.handlers.exportEvents({ format: 'har', includeSecrets: false, wait: false });
    engine.handlers.cancelJob({ id: started.id });
    const end = await eventually(async () => {
      const job = await engine.handlers.getJob({ id: started.id });
      return job.state !== 'running' ? job : undefined;
    });
    expect(end.state).toBe('cancelled');
    expect(end.done).toBeLessThan(1500);
    expect(end.output).toBeNull();
    expect(progress.filter((j) => j.id === started.id).at(-1)!.state).toBe('cancelled');
    // Only the finished export is on disk.
    expect(readdirSync(join(dataDir, 'exports'))).toHaveLength(1);
  });
});

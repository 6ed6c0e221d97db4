import type { ConnectionStatus, EventSummary, ForwardDelivery, Subscription } from '@shared/contract';
import { pairText, samePair, UsageError, type Pair } from './args';
import { CLI_SURFACE, errorText } from '@shared/error-text';
import { eventLine, eventRecord, failureLine, forwardLine, note, paint } from './output';
import { describeAttached, openSession, type Session } from './session';

export interface ListenOptions {
  dataDir: string;
  forwardTo?: string;
  events: Pair[];
  filter: string[];
  json: boolean;
  tunnel: boolean;
  tunnelHost?: string;
  connection?: string;
  keep: boolean;
  sandboxRate?: number;
  verbose: boolean;
}

/** How long a --json line waits for its forward delivery to be announced before it is printed without one. */
const NO_DELIVERY_MS = 3_000;

/**
 * `mwi listen`: subscribe, print each webhook as it arrives (and forward it), and on Ctrl-C undo
 * what this run set up: its subscriptions (unless --keep), its forward rules, a connection switch.
 */
export async function listen(o: ListenOptions): Promise<never> {
  const out = (line: string) => void process.stdout.write(`${line}\n`);
  // With --json, stdout carries only NDJSON: everything else is a note on stderr.
  const say = o.json ? note : out;
  const created: Subscription[] = [];
  const rules: string[] = [];
  let restore: { id: string | null } | null = null;
  let session: Session | null = null;
  let stopping = false;

  async function stop(code: number): Promise<never> {
    if (stopping) process.exit(code);
    stopping = true;
    try {
      for (const held of pending.values()) flush(held.event);
      if (session) await undo(session);
    } catch (error) {
      process.stderr.write(failureLine(error, 'while stopping'));
      code = 1;
    }
    await session?.close();
    process.exit(code);
  }

  /** Undoes each step on its own, so one that fails (a subscription deleted elsewhere) does not keep the others. */
  async function undo(s: Session): Promise<void> {
    const failures: string[] = [];
    const attempt = (what: string, work: Promise<unknown>) =>
      work.then(
        () => true,
        (error: unknown) => (failures.push(`${what}: ${errorText(error, CLI_SURFACE)}`), false),
      );
    for (const id of rules) await attempt('forward rule', s.api.removeForwardRule({ id }));
    if (created.length && !o.keep) {
      const removed: string[] = [];
      for (const sub of created)
        if (await attempt(`${sub.entity}.${sub.op}`, s.api.unsubscribe({ subscriptionId: sub.subscriptionId }))) removed.push(`${sub.entity}.${sub.op}`);
      if (removed.length) note(`Removed the subscription${removed.length > 1 ? 's' : ''} this run created: ${removed.join(', ')}`);
    } else if (created.length) note(`Kept (--keep): ${created.map((c) => `${c.entity}.${c.op}`).join(', ')}`);
    if (restore) {
      note('Switching back to the connection that was active before…');
      await attempt('switching back', restore.id === null ? s.api.disconnect() : s.api.selectConnection({ id: restore.id }));
    }
    if (failures.length) throw new Error(`could not undo ${failures.join('; ')}`);
  }

  // Events are followed from the start, and printed once the header is out.
  const pending = new Map<number, { event: EventSummary; timer?: NodeJS.Timeout }>();
  const finished = new Map<number, ForwardDelivery>();
  const shown = new Set<number>();
  const reported = new Set<number>();
  let live = false;
  const early: (() => void)[] = [];
  const whenLive = (work: () => void) => (live ? work() : early.push(work));

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (!stopping) note('Stopping… (Ctrl-C again to quit at once)');
      void stop(0);
    });

  const wanted = (e: EventSummary) => o.events.length === 0 || o.events.some((p) => samePair(p, e));

  function flush(event: EventSummary, delivery: ForwardDelivery | null = null): void {
    const held = pending.get(event.id);
    if (held?.timer) clearTimeout(held.timer);
    pending.delete(event.id);
    out(JSON.stringify(eventRecord(event, delivery)));
  }

  function received(event: EventSummary): void {
    if (!wanted(event)) return;
    shown.add(event.id);
    if (!o.json) return out(eventLine(event));
    if (!o.forwardTo) return out(JSON.stringify(eventRecord(event)));
    const done = finished.get(event.id);
    if (done) return flush(event, done);
    pending.set(event.id, { event, timer: setTimeout(() => flush(event), NO_DELIVERY_MS) });
  }

  function delivered(delivery: ForwardDelivery): void {
    if (delivery.kind !== 'forward' || !delivery.ruleId || !rules.includes(delivery.ruleId)) return;
    if (delivery.state === 'pending') {
      // Under way: the line waits for the last attempt, however long the retries take.
      for (const id of delivery.eventIds) {
        const held = pending.get(id);
        if (held?.timer) (clearTimeout(held.timer), (held.timer = undefined));
      }
      return;
    }
    if (reported.has(delivery.id)) return; // a late answer after the verdict
    reported.add(delivery.id);
    for (const id of delivery.eventIds) {
      finished.set(id, delivery);
      setTimeout(() => finished.delete(id), 60_000).unref();
    }
    if (o.json) {
      for (const id of delivery.eventIds) {
        const held = pending.get(id);
        if (held) flush(held.event, delivery);
      }
      return;
    }
    const id = delivery.eventIds.find((e) => shown.has(e));
    if (id !== undefined) out(forwardLine(delivery, id));
  }

  try {
    session = await openSession(o.dataDir, {
      tunnel: o.tunnel,
      tunnelHost: o.tunnelHost,
      connect: true,
      publish: true,
      sandboxRate: o.sandboxRate,
      verbose: o.verbose,
    });
    const s = session;
    if (s.attached) {
      note(describeAttached(s.attached));
      if (!o.tunnel || o.tunnelHost || o.sandboxRate !== undefined)
        note('--no-tunnel, --tunnel-host and --sandbox-rate apply when mwi starts the engine: the running app keeps its own settings');
    }
    s.on('events.received', ({ items }) => items.forEach((e) => whenLive(() => received(e))));
    s.on('events.attempt', ({ id, attempts }) =>
      whenLive(() => {
        const held = pending.get(id);
        if (held) held.event = { ...held.event, attempts };
        else if (!o.json && shown.has(id)) out(paint('yellow', `          ↻ #${id} delivered again by Maximizer (attempt ${attempts})`));
      }),
    );
    s.on('forwarding.delivery', (d) => whenLive(() => delivered(d)));
    let targetUrl: string | null = null;
    s.on('connection.changed', (c) =>
      whenLive(() => {
        if (c.targetUrl && c.targetUrl !== targetUrl && !stopping) say(`Target URL is now ${(targetUrl = c.targetUrl)}`);
      }),
    );
    await s.ready();

    const connection = await chooseConnection(s);
    if (stopping) return await new Promise<never>(() => {});
    targetUrl = connection.targetUrl;

    const { items } = await s.api.listSubscriptions();
    const kept: string[] = [];
    for (const pair of o.events) {
      const existing = items.find((sub) => sub.own && samePair(pair, sub));
      if (existing) {
        kept.push(pairText(pair) + (existing.filter.length ? ` (its filter: ${existing.filter.join(' AND ')})` : ''));
        continue;
      }
      if (stopping) break;
      created.push(await s.api.subscribe({ entity: pair.entity, op: pair.op, filter: o.filter.length ? o.filter : undefined }));
    }

    if (o.forwardTo) {
      const targets = o.events.length ? o.events : [null];
      for (const pair of targets) {
        if (stopping) break;
        rules.push((await s.api.addForwardRule({ url: o.forwardTo, entity: pair?.entity ?? null, op: pair?.op ?? null })).id);
      }
    }
    if (stopping) return await new Promise<never>(() => {});

    say(`${paint('bold', 'Listening')} on ${connection.label} · target URL ${paint('cyan', connection.targetUrl ?? '(none)')}`);
    const tunnel = await s.api.tunnelStatus();
    if (tunnel.state === 'connecting' || tunnel.state === 'reconnecting')
      note(`Opening the public tunnel (${tunnel.host})… the target moves to it once it is up`);
    if (created.length)
      say(`Subscribed for this run: ${created.map((c) => `${c.entity}.${c.op}`).join(', ')}${o.keep ? ' (kept after exit: --keep)' : ' (removed on exit)'}`);
    if (kept.length) say(`Already subscribed: ${kept.join(', ')}`);
    if (o.events.length === 0) say('Showing every webhook this app receives (narrow with --events Entity.Op,…)');
    if (o.forwardTo) say(`Forwarding to ${o.forwardTo} with Maximizer's rules (200 within 2 s, up to 3 attempts)`);
    say(paint('dim', 'Ctrl-C to stop.'));
    live = true;
    early.splice(0).forEach((work) => work());
    return await new Promise<never>(() => {});
  } catch (error) {
    if (stopping) return await new Promise<never>(() => {});
    process.stderr.write(failureLine(error));
    return stop(error instanceof UsageError ? 2 : 1);
  }

  /** The active connection, or the one named by --connection (switched to for this run). */
  async function chooseConnection(s: Session): Promise<ConnectionStatus> {
    let status = await s.api.connectionStatus();
    if (o.connection) {
      const { items } = await s.api.listConnections();
      const wantedName = o.connection.toLowerCase();
      const entry = items.find((c) => c.id === o.connection || c.label.toLowerCase() === wantedName);
      if (!entry) throw new UsageError(`There is no saved connection "${o.connection}". Saved: ${items.map((c) => c.label).join(', ')} (or "sandbox")`);
      if (!(status.connectionId === entry.id && status.connected)) {
        note(`Connecting to ${entry.label}…`);
        const previous = status.connectionId;
        status = await s.api.selectConnection({ id: entry.id });
        if (previous !== entry.id) restore = { id: previous };
      }
    } else if (!status.connected) {
      throw new Error(
        status.error?.message ??
          'Not connected to Maximizer or the sandbox (disconnected in the app): pass --connection sandbox or the name of a saved connection',
      );
    }
    if (!status.targetId) throw new Error(status.error?.message ?? `The app has no webhook target at ${status.label}`);
    return status;
  }
}

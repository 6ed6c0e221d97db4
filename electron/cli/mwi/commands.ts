import type { ForwardDelivery } from '@shared/contract';
import { pairText, type Pair } from './args';
import { forwardLine, forwardRecord, note, out } from './output';
import { describeAttached, openSession, type OwnEngineOptions, type Session } from './session';

export interface Common {
  dataDir: string;
  verbose: boolean;
}

/** Commands other than listen start an engine only for themselves: no tunnel, no automation API. */
const oneShot = (common: Common, connect: boolean): OwnEngineOptions => ({ tunnel: false, connect, publish: false, sandboxRate: 0, verbose: common.verbose });

async function withSession<T>(common: Common, connect: boolean, work: (s: Session) => Promise<T>): Promise<T> {
  const session = await openSession(common.dataDir, oneShot(common, connect));
  if (session.attached) note(describeAttached(session.attached));
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** `mwi trigger Entity.Op`: the sandbox emits it (a real CRM: a Maximizer-shaped test event to the receiver), then waits to see it stored. */
export async function trigger(common: Common, pair: Pair, count: number, waitMs = 10_000): Promise<number> {
  // Started here, the engine connects only to the sandbox: connecting to a real CRM would re-point its target.
  return withSession(common, false, async (s) => {
    const arrived = new Map<string, number>();
    s.on('events.received', ({ items }) => items.forEach((e) => e.webhookId && arrived.set(e.webhookId, e.id)));
    await s.ready();
    let connection = await s.api.connectionStatus();
    if (!s.attached && (await s.api.listConnections()).items.find((c) => c.active)?.kind === 'sandbox') connection = await s.api.connectSandbox();
    const viaSandbox = connection.kind === 'sandbox' && connection.connected;
    const sent: string[] = [];
    for (let i = 0; i < count; i++) {
      if (viaSandbox) sent.push((await s.api.sandboxGenerate({ entity: pair.entity, op: pair.op })).id);
      else sent.push(...(await s.api.sendTestEvent({ entity: pair.entity, op: pair.op, source: 'sandbox', to: 'receiver' })).webhookIds);
    }
    const how = viaSandbox ? 'the sandbox emitted' : 'sent a Maximizer-shaped test event to the receiver (Maximizer itself sends nothing on request)';
    note(`${pairText(pair)}: ${how} ${sent.length} event${sent.length > 1 ? 's' : ''}; waiting for ${sent.length > 1 ? 'them' : 'it'} to arrive…`);
    const deadline = Date.now() + waitMs;
    while (sent.some((id) => !arrived.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const id of sent) out(arrived.has(id) ? `${pairText(pair)} ${id} → received as #${arrived.get(id)}` : `${pairText(pair)} ${id} → not received`);
    const missing = sent.filter((id) => !arrived.has(id)).length;
    if (missing === 0) return 0;
    process.stderr.write(
      `mwi: ${missing} of ${sent.length} did not reach this app within ${waitMs / 1000} s: is ${pairText(pair)} subscribed? (mwi listen --events ${pairText(pair)})\n`,
    );
    return 1;
  });
}

export async function replay(common: Common, id: number, to: string | undefined, json: boolean): Promise<number> {
  return withSession(common, false, async (s) => {
    note(`Replaying #${id} to ${to ?? 'the forward URL'} (the same bytes and headers; waits for every attempt)…`);
    const { delivery } = await s.api.replayEvent({ id, url: to, wait: true });
    out(json ? JSON.stringify(forwardRecord(delivery)) : forwardLine(delivery, id).trimStart());
    return delivered(delivery) ? 0 : 1;
  });
}

const delivered = (d: ForwardDelivery) => d.state === 'delivered';

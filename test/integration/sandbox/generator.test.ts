import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, subscribe, target, type Target } from './harness';

const open: { stop(): Promise<void> }[] = [];
const targets: Target[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

describe('generator at a rate', () => {
  it('sends generated events at the configured rate until set to 0', async () => {
    const sb = await sandbox({ rate: 6000 });
    open.push(sb);
    const hook = await target();
    targets.push(hook);
    for (const [entity, op] of [
      ['lead', 'create'],
      ['lead', 'update'],
      ['lead', 'delete'],
      ['opportunity', 'create'],
      ['opportunity', 'update'],
      ['opportunity', 'delete'],
      ['Export', 'read'],
    ])
      await subscribe(sb, `${hook.url}/${entity}/${op}`, { Entity: entity!, Op: op! });
    await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    expect(sb.rate).toBe(6000);
    sb.setRate(0);
    await sb.idle();
    const count = hook.received.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(hook.received.length).toBe(count);
    const ids = hook.received.map((r) => JSON.parse(r.body)[0].Id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('emits one event of each kind on demand', async () => {
    const sb = await sandbox();
    open.push(sb);
    const events = sb.kinds.map((kind) => sb.generate(kind));
    expect(events.map((e) => `${e.Entity}/${e.Op}/${e.Version}`)).toEqual([
      'lead/create/0.8',
      'lead/update/0.8',
      'lead/delete/0.8',
      'opportunity/create/0.1',
      'opportunity/update/0.1',
      'Opportunity/update/1.1',
      'opportunity/delete/0.1',
      'Export/read/1.0',
      'Export/read/1.0',
    ]);
    expect(events.slice(-2).map((e) => e.Original!.entityType)).toEqual([1, 2]);
    expect(() => sb.generate('lead.merge' as never)).toThrow(/unknown kind/);
  });
});

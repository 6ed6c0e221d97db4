import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_KINDS } from '@shared/samples';
import { eventually, startServe, type Served } from '../../helpers/serve';

let served: Served;
beforeAll(async () => {
  served = await startServe();
});
afterAll(async () => {
  await served?.close();
});

describe('sendSampleEvent', () => {
  it('delivers every built-in sample through the receiver, acknowledged and stored like a real webhook', async () => {
    const sent: string[] = [];
    let stageId = '';
    for (const kind of SAMPLE_KINDS) {
      const result = await served.call('sendSampleEvent', { kind });
      expect(result).toMatchObject({ kind, status: 200 });
      sent.push(...result.webhookIds);
      if (kind === 'opportunity.stage') stageId = result.webhookIds[0]!;
    }
    const listed = await eventually(async () => {
      const page = await served.call('listEvents', { limit: 100 });
      return page.items.length === sent.length ? page.items : undefined;
    });
    expect(new Set(listed.map((e) => e.webhookId))).toEqual(new Set(sent));
    expect(listed.every((e) => !e.parseError)).toBe(true);
    const stage = listed.find((e) => e.webhookId === stageId);
    expect(stage).toMatchObject({ entity: 'Opportunity', op: 'update', version: '1.1' });
    expect(stage?.summary).toContain('Qualified → Presentation');
  });

  it('rejects an unknown sample kind', async () => {
    await expect(served.call('sendSampleEvent', { kind: 'nope' } as never)).rejects.toMatchObject({ status: 400 });
  });
});

describe('recordEvents', () => {
  it('returns the events of one record, oldest first, with Original and New', async () => {
    const lead = (await served.call('listEvents', { entity: 'lead', op: 'create' })).items[0]!;
    expect(lead.recordKey).toBeTruthy();
    const { items, more } = await served.call('recordEvents', { recordKey: lead.recordKey! });
    expect(more).toBe(false);
    expect(items.map((e) => e.op)).toEqual(['create', 'update', 'delete']);
    expect(items[1]!.original).toMatchObject({ CompanyName: 'Northwind Paper Co.' });
    expect(items[1]!.new).toMatchObject({ CompanyName: 'Northwind Paper & Pulp Co.' });
    expect(items[0]!.timestamp).toMatch(/Z$/);
  });

  it('pages to the latest events when a record has more than the limit', async () => {
    const lead = (await served.call('listEvents', { entity: 'lead', op: 'create' })).items[0]!;
    const { items, more } = await served.call('recordEvents', { recordKey: lead.recordKey!, limit: 2 });
    expect(more).toBe(true);
    expect(items.map((e) => e.op)).toEqual(['update', 'delete']);
  });
});

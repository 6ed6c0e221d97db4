import { describe, expect, it } from 'vitest';
import { diffEvent } from '@shared/changes';
import { parseBody } from '@shared/envelope';
import { decodeKey } from '@shared/keys';
import { buildSample, maximizerTimestamp, SAMPLE_KINDS, type SampleKind } from '@shared/samples';
import { deliveryTimes } from '@shared/shapes/latency';

let n = 0;
const ctx = { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, now: Date.UTC(2025, 2, 14, 13, 2, 11, 512) };

const expected: Record<SampleKind, { entity: string; op: string; version: string }[]> = {
  'lead.create': [{ entity: 'lead', op: 'create', version: '0.8' }],
  'lead.update': [{ entity: 'lead', op: 'update', version: '0.8' }],
  'lead.delete': [{ entity: 'lead', op: 'delete', version: '0.8' }],
  'opportunity.create': [{ entity: 'opportunity', op: 'create', version: '0.1' }],
  'opportunity.update': [{ entity: 'opportunity', op: 'update', version: '0.1' }],
  'opportunity.stage': [{ entity: 'Opportunity', op: 'update', version: '1.1' }],
  'opportunity.delete': [{ entity: 'opportunity', op: 'delete', version: '0.1' }],
  'export.opportunities': [{ entity: 'Export', op: 'read', version: '1.0' }],
  'export.abentries': [{ entity: 'Export', op: 'read', version: '1.0' }],
  'guide.batch': [
    { entity: 'Opportunity', op: 'Update', version: '1.1' },
    { entity: 'Opportunity', op: 'Update', version: '1.1' },
  ],
};

describe('built-in samples', () => {
  it.each(SAMPLE_KINDS)('%s parses as a Maximizer webhook with the shape it claims', (kind) => {
    const sample = buildSample(kind, ctx);
    const parsed = parseBody(sample.body);
    expect(parsed.parseError).toBeUndefined();
    expect(parsed.events.map(({ entity, op, version }) => ({ entity, op, version }))).toEqual(expected[kind]);
    expect(parsed.events.map((e) => e.webhookId)).toEqual(sample.webhookIds);
    for (const event of parsed.events) expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  });

  it.each(SAMPLE_KINDS)('%s was generated, then queued, before it is sent (delivery times are not negative)', (kind) => {
    for (const event of parseBody(buildSample(kind, ctx).body).events) {
      const times = deliveryTimes({ timestamp: event.timestamp, processedTimestamp: event.processedTimestamp, receivedAt: ctx.now });
      expect(times.processing).toBeGreaterThan(0);
      expect(times.delivery).toBeGreaterThan(0);
    }
  });

  it('keeps a JSON number version as Maximizer sends it for opportunities 0.x', () => {
    expect(buildSample('opportunity.create', ctx).body).toMatch(/"version": 0\.1\b/);
  });

  it('uses keys that decode as Maximizer keys', () => {
    const lead = parseBody(buildSample('lead.update', ctx).body).events[0]!;
    expect(decodeKey(lead.recordKey)).toMatchObject({ type: 'Lead', number: '0' });
  });

  it('the lead update shows every kind the Changes view explains', () => {
    const event = parseBody(buildSample('lead.update', ctx).body).events[0]!;
    const tree = diffEvent(event);
    expect(tree.totals.changed).toBeGreaterThan(0);
    expect(tree.totals.equal).toBeGreaterThan(0);
    expect(tree.totals.added).toBeGreaterThan(0);
    expect(tree.totals.untouched).toBeGreaterThan(0);
  });

  it('the stage change moves Qualified → Presentation, in camelCase', () => {
    const event = parseBody(buildSample('opportunity.stage', ctx).body).events[0]!;
    expect(event.new).toMatchObject({ salesStageSetupName: 'Presentation' });
    expect(event.original).toMatchObject({ salesStageSetupName: 'Qualified' });
  });

  it('writes 7 fractional digits like Maximizer', () => {
    expect(maximizerTimestamp(Date.UTC(2025, 0, 1, 0, 0, 0, 5))).toMatch(/^2025-01-01T00:00:00\.005\d{4}Z$/);
  });
});

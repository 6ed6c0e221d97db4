import { exportOriginal, leadCreated, leadRecord, leadWritten, OPPORTUNITY_KEY, stageOriginal, stageWritten, WORKSPACE_ID } from './records';

/**
 * Built-in sample webhooks, shaped like Maximizer's deliveries (CONTRACT.md §5), so a
 * new user sees a realistic event without a Maximizer account. Pure: ids and time are given.
 */
export const SAMPLE_KINDS = [
  'lead.create',
  'lead.update',
  'lead.delete',
  'opportunity.create',
  'opportunity.update',
  'opportunity.stage',
  'opportunity.delete',
  'export.opportunities',
  'export.abentries',
  'guide.batch',
] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export interface SampleInfo {
  label: string;
  description: string;
}

export const SAMPLES: Record<SampleKind, SampleInfo> = {
  'lead.create': { label: 'Lead created', description: 'lead · create · v0.8, nested Address and Phone, UDF arrays' },
  'lead.update': { label: 'Lead updated', description: 'lead · update · v0.8, changed, equal and untouched fields' },
  'lead.delete': { label: 'Lead deleted', description: 'lead · delete · v0.8, the full record in Original' },
  'opportunity.create': { label: 'Opportunity created', description: 'opportunity · create · version as a JSON number' },
  'opportunity.update': { label: 'Opportunity updated', description: 'opportunity · update · 0.1, Key only' },
  'opportunity.stage': { label: 'Stage change', description: 'Opportunity · update · v1.1, camelCase, Qualified → Presentation' },
  'opportunity.delete': { label: 'Opportunity deleted', description: 'opportunity · delete · 0.1' },
  'export.opportunities': { label: 'Opportunities export', description: 'Export · read · v1.0, entityType 2' },
  'export.abentries': { label: 'Address book export', description: 'Export · read · v1.0, entityType 1' },
  'guide.batch': { label: 'Batch (array body)', description: 'two PascalCase events in one JSON array, as in the guide' },
};

/** What the sample needs from its caller, so tests can pin it down. */
export interface SampleContext {
  /** A new webhook Id (uuid). */
  newId: () => string;
  /**
   * Epoch milliseconds when the sample is sent. Timestamp and ProcessedTimestamp lie just before it,
   * as in a real delivery (event → queued → received), so delivery times read as positive.
   */
  now: number;
}

/** Maximizer's timestamps carry 7 fractional digits; Date has 3. */
export function maximizerTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(
    /\.(\d{3})Z$/,
    (_m, frac: string) =>
      `.${frac}${String(ms % 7919)
        .padStart(4, '0')
        .slice(-4)}Z`,
  );
}

interface Data {
  op: string;
  original?: unknown;
  new?: unknown;
  version: string | number;
}

/** The single-object, lowercase envelope of Maximizer's own sample deliveries. */
function lowercaseEnvelope(ctx: SampleContext, entity: string, data: Data): Record<string, unknown> {
  const { op, version, ...records } = data;
  return {
    id: ctx.newId(),
    timestamp: maximizerTimestamp(ctx.now - 812 - 95),
    workspaceid: WORKSPACE_ID,
    recipients: [],
    options: null,
    processedTimestamp: maximizerTimestamp(ctx.now - 95),
    entity,
    data: { op, ...records, version },
  };
}

/** The guide's array shape: PascalCase envelope with SourceId. */
function pascalEnvelope(ctx: SampleContext, entity: string, data: { Op: string; Original?: unknown; New?: unknown; Version: string }) {
  return {
    Id: ctx.newId(),
    Timestamp: maximizerTimestamp(ctx.now - 1_204 - 140),
    ProcessedTimestamp: maximizerTimestamp(ctx.now - 140),
    WorkspaceId: WORKSPACE_ID.toUpperCase(),
    SourceId: ctx.newId(),
    Recipients: [],
    Options: null,
    Entity: entity,
    Data: data,
  };
}

function sampleValue(kind: SampleKind, ctx: SampleContext): unknown {
  switch (kind) {
    case 'lead.create':
      return lowercaseEnvelope(ctx, 'lead', { op: 'create', new: leadCreated(), version: '0.8' });
    case 'lead.update':
      return lowercaseEnvelope(ctx, 'lead', { op: 'update', original: leadRecord(), new: leadWritten(), version: '0.8' });
    case 'lead.delete':
      return lowercaseEnvelope(ctx, 'lead', { op: 'delete', original: leadRecord(), version: '0.8' });
    case 'opportunity.create':
      return lowercaseEnvelope(ctx, 'opportunity', { op: 'create', new: { Key: OPPORTUNITY_KEY }, version: 0.1 });
    case 'opportunity.update':
      return lowercaseEnvelope(ctx, 'opportunity', { op: 'update', original: { Key: OPPORTUNITY_KEY }, new: { Key: OPPORTUNITY_KEY }, version: 0.1 });
    case 'opportunity.stage':
      return lowercaseEnvelope(ctx, 'Opportunity', { op: 'update', original: stageOriginal(), new: stageWritten(), version: '1.1' });
    case 'opportunity.delete':
      return lowercaseEnvelope(ctx, 'opportunity', { op: 'delete', original: { Key: OPPORTUNITY_KEY }, version: 0.1 });
    case 'export.opportunities':
      return lowercaseEnvelope(ctx, 'Export', { op: 'read', original: exportOriginal(2, 42), version: '1.0' });
    case 'export.abentries':
      return lowercaseEnvelope(ctx, 'Export', { op: 'read', original: exportOriginal(1, 17), version: '1.0' });
    case 'guide.batch': {
      const pascal = (record: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(record).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));
      return [
        pascalEnvelope(ctx, 'Opportunity', { Op: 'Update', Original: pascal(stageOriginal()), New: pascal(stageWritten()), Version: '1.1' }),
        pascalEnvelope({ ...ctx, now: ctx.now + 3 }, 'Opportunity', {
          Op: 'Update',
          Original: pascal({ ...stageOriginal(), ...stageWritten() }),
          New: { Key: OPPORTUNITY_KEY, Revenue: 52500.0, Objective: 'Renew 2025 paper supply contract (+ envelopes)' },
          Version: '1.1',
        }),
      ];
    }
  }
}

export interface BuiltSample {
  kind: SampleKind;
  /** The request body, pretty-printed as Maximizer sends it. */
  body: string;
  /** Webhook Ids in the body, in order. */
  webhookIds: string[];
}

export function buildSample(kind: SampleKind, ctx: SampleContext): BuiltSample {
  const value = sampleValue(kind, ctx);
  const events = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
  return {
    kind,
    body: JSON.stringify(value, null, 4),
    webhookIds: events.map((event) => String(event.id ?? event.Id)),
  };
}

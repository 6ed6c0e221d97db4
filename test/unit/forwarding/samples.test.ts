import { describe, expect, it } from 'vitest';
import { SAMPLE_KINDS, buildSample, type SampleKind } from '@shared/samples';
import { findSampleKind, SAMPLE_SHAPES } from '@shared/samples/select';
import { guideExample, officialSamples } from '../../helpers/reference';

/**
 * The project's own sample set (shared/samples) is modelled on Maximizer's official samples:
 * each test event must have the same envelope spelling, Entity/Op/Version (and its JSON type),
 * sections, and record fields drawn from what Maximizer sends for that object.
 */
const OFFICIAL: Record<Exclude<SampleKind, 'guide.batch'>, string> = {
  'lead.create': 'Leads / Lead Create',
  'lead.update': 'Leads / Lead Update',
  'lead.delete': 'Leads / Lead Delete',
  'opportunity.create': 'Opportunities / Opportunity Create',
  'opportunity.update': 'Opportunities / Opportunity Update',
  'opportunity.stage': 'Opportunities / Opportunity Stage Change',
  'opportunity.delete': 'Opportunities / Opportunity Delete',
  'export.opportunities': 'Opportunities / Opportunities Export',
  'export.abentries': 'AbEntry / AbEntry Export',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const section = (data: Obj, name: string): Obj | undefined => {
  const key = Object.keys(data).find((k) => k.toLowerCase() === name);
  return key && isObj(data[key]) ? (data[key] as Obj) : undefined;
};
/** UDF ids differ per database: `Udf/$TYPEID(57993)` and `Udf/$TYPEID(41020)` are the same kind of field. */
const fieldName = (name: string) => name.replace(/\$TYPEID\(\d+\)/, '$TYPEID(n)');
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const official = new Map(officialSamples().map((s) => [s.name, JSON.parse(s.raw) as Obj]));
const built = (kind: SampleKind) =>
  JSON.parse(buildSample(kind, { newId: () => '00000000-0000-4000-8000-000000000000', now: Date.UTC(2025, 2, 14) }).body) as Obj | Obj[];

/** Every record field Maximizer sent for an entity, in any official sample, with its JSON type. */
function officialFields(entity: string): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const sample of official.values()) {
    if (String(sample.entity).toLowerCase() !== entity.toLowerCase()) continue;
    for (const name of ['original', 'new']) {
      for (const [key, value] of Object.entries(section(sample.data as Obj, name) ?? {})) {
        const set = fields.get(fieldName(key)) ?? new Set();
        set.add(typeOf(value));
        fields.set(fieldName(key), set);
      }
    }
  }
  return fields;
}

describe('the project’s sample set against Maximizer’s official samples', () => {
  it('finds every official sample it is modelled on', () => {
    for (const name of Object.values(OFFICIAL)) expect(official.has(name), name).toBe(true);
  });

  it.each(Object.entries(OFFICIAL) as [Exclude<SampleKind, 'guide.batch'>, string][])('%s looks like "%s"', (kind, name) => {
    const ours = built(kind) as Obj;
    const theirs = official.get(name)!;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    const [od, td] = [ours.data as Obj, theirs.data as Obj];
    expect(Object.keys(od).sort()).toEqual(Object.keys(td).sort());
    expect(ours.entity).toBe(theirs.entity);
    expect(od.op).toBe(td.op);
    expect(od.version).toBe(td.version);
    expect(typeof od.version).toBe(typeof td.version);
    expect(ours.recipients).toEqual([]);
    expect(ours.options).toBeNull();
    const known = officialFields(String(theirs.entity));
    for (const name of ['original', 'new']) {
      const mine = section(od, name);
      expect(mine === undefined, `${kind} ${name} present`).toBe(section(td, name) === undefined);
      for (const [key, value] of Object.entries(mine ?? {})) {
        expect(known.has(fieldName(key)), `${kind}: ${name}.${key} is a field Maximizer sends for ${String(theirs.entity)}`).toBe(true);
        expect([...known.get(fieldName(key))!], `${kind}: ${name}.${key} has Maximizer's type`).toContain(typeOf(value));
      }
    }
  });

  it('guide.batch has the guide example’s array shape: PascalCase envelope with SourceId', () => {
    const guide = (JSON.parse(guideExample()) as Obj[])[0]!;
    const ours = built('guide.batch') as Obj[];
    expect(Array.isArray(ours)).toBe(true);
    expect(ours.length).toBeGreaterThan(1);
    for (const event of ours) {
      expect(Object.keys(event).sort()).toEqual(Object.keys(guide).sort());
      expect(Object.keys(event.Data as Obj).sort()).toEqual(Object.keys(guide.Data as Obj).sort());
      expect(event.Entity).toBe(guide.Entity);
      expect((event.Data as Obj).Op).toBe((guide.Data as Obj).Op);
      expect((event.Data as Obj).Version).toBe((guide.Data as Obj).Version);
    }
  });
});

describe('choosing a sample by Entity/Op (sendTestEvent)', () => {
  it('maps every sample back to itself', () => {
    for (const kind of SAMPLE_KINDS) {
      const { entity, op, shape } = SAMPLE_SHAPES[kind];
      expect(findSampleKind(entity.toUpperCase(), op, shape)).toBe(kind);
    }
  });

  it('prefers the plain record change without a shape, and knows none for other entities', () => {
    expect(findSampleKind('Opportunity', 'Update')).toBe('opportunity.update');
    expect(findSampleKind('Export', 'read')).toBe('export.opportunities');
    expect(findSampleKind('Campaign', 'create')).toBeUndefined();
    expect(findSampleKind('lead', 'create', 'stage')).toBeUndefined();
  });
});

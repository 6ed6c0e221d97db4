import { afterEach, describe, expect, it } from 'vitest';
import { officialSamples } from '../../helpers/reference';
import { ShapeStore } from '../../helpers/shapes';
import type { ShapeDetail } from '@shared/contract';

const open: ShapeStore[] = [];
const make = (secret?: string) => {
  const s = new ShapeStore(secret);
  open.push(s);
  return s;
};
afterEach(() => open.splice(0).forEach((s) => s.close()));

const sample = (name: string) => {
  const found = officialSamples().find((s) => s.name === name);
  if (!found) throw new Error(`no official sample ${name}`);
  return JSON.parse(found.raw) as {
    id: string;
    data: { new?: Record<string, unknown>; original?: Record<string, unknown>; version: unknown } & Record<string, unknown>;
  } & Record<string, unknown>;
};

/** The official Lead Create sample as another delivery (its own Id), changed by `edit`. */
let n = 0;
function leadCreate(edit: (record: Record<string, unknown>, body: ReturnType<typeof sample>) => void = () => {}) {
  const body = sample('Leads / Lead Create');
  body.id = `lead-${++n}`;
  edit(body.data.new!, body);
  return body;
}

const field = (shape: ShapeDetail, path: string) => {
  const f = shape.fieldList.find((x) => x.id === path.toLowerCase());
  if (!f) throw new Error(`no field ${path} in ${shape.fieldList.map((x) => x.id).join(', ')}`);
  return f;
};

describe('shape learning on the official samples', () => {
  it('learns every Entity × Op × kind × major, with nested, UDF and array paths, types and presence', async () => {
    const s = make();
    s.post(...officialSamples().map((x) => x.raw));
    const shapes = (await s.api.listShapes(undefined)).items;
    const names = shapes.map((x) => `${x.entity.toLowerCase()} ${x.op} ${x.kind} ${x.versions.map((v) => v.version).join('/')}`).sort();
    expect(names).toEqual([
      'export read record 1.0',
      'lead create record 0.8',
      'lead delete record 0.8',
      'lead update record 0.8',
      'opportunity create record 0.1',
      'opportunity delete record 0.1',
      'opportunity update record 0.1',
      'opportunity update stage change 1.0/1.1',
    ]);

    const lead = await s.api.getShape({ entity: 'Lead', op: 'create' });
    expect(field(lead, 'Address.City')).toMatchObject({ path: 'Address.City', types: ['string'], always: true, inNew: 1, inOriginal: 0 });
    expect(field(lead, 'Address.City').presence).toBe('always · only New');
    expect(field(lead, 'Address').types).toEqual(['object']);
    expect(field(lead, 'Udf/$TYPEID(57997)').types).toEqual(['array']);
    expect(field(lead, 'Udf/$TYPEID(57997)[]')).toMatchObject({ types: ['string'], examples: ['2'], parent: 'udf/$typeid(57997)' });
    expect(field(lead, 'Udf/$TYPEID(57993)').types).toEqual(['number']);
    expect(field(lead, 'Phone1.Default').types).toEqual(['boolean']);
    // Keys are Maximizer ids (base64), kept as examples; they decode in the UI.
    expect(field(lead, 'Key').examples).toEqual(['TGVhZAkyMzA5MDgwMDAzMjA3NzIyMzgxNjlMRQkw']);

    // Stage changes: 1.0 and 1.1 are one major; `key` is absent from 1.0's New, so it is "sometimes" there.
    const stage = await s.api.getShape({ entity: 'opportunity', kind: 'stage change' });
    expect(stage.major).toBe(1);
    expect(field(stage, 'salesStageSetupKey')).toMatchObject({ always: true });
    expect(field(stage, 'salesStageSetupName').always).toBe(false);
    // The guide's PascalCase example and the Postman camelCase ones: one field, both spellings.
    expect(field(stage, 'key').spellings.length).toBeGreaterThanOrEqual(1);
    expect(field(stage, 'revenue').types).toEqual(['number']);
  });

  it('flags no drift on the official traffic: Opportunity 0.1 updates beside 1.x stage changes are two shapes', async () => {
    const s = make();
    // Realistic interleaving: plain updates at 0.1, stage changes at 1.1, more plain updates.
    const update = sample('Opportunities / Opportunity Update');
    const stage = sample('Opportunities / Opportunity Stage Change');
    const copies = [update, stage, update, stage, update].map((b, i) => ({ ...b, id: `opp-${i}` }));
    s.post(...copies);
    expect((await s.api.listDrift({ limit: 100 })).items).toEqual([]);
    expect(s.store.events.list({ limit: 10, driftOnly: true }).items).toEqual([]);
  });
});

describe('drift on held-back variants', () => {
  it('a case variant is the same field, with both spellings, and no drift', async () => {
    const s = make();
    s.post(
      leadCreate(),
      leadCreate((r) => {
        r.firstname = r.FirstName;
        delete r.FirstName;
      }),
    );
    const lead = await s.api.getShape({ entity: 'lead', op: 'create' });
    expect(field(lead, 'FirstName')).toMatchObject({ spellings: ['FirstName', 'firstname'], events: 2, always: true });
    expect((await s.api.listDrift({ limit: 10 })).items).toEqual([]);
  });

  it('a new field, a new type, a missing field and a new major are flagged on the event that brought them, once', async () => {
    const s = make();
    s.post(leadCreate(), leadCreate(), leadCreate());
    s.post(leadCreate((r) => (r.Mobile = '604-555-0101')));
    s.post(leadCreate((r) => (r.Status = 'Active')));
    s.post(leadCreate((r) => delete r.LastName));
    s.post(leadCreate((_, b) => (b.data.version = '1.0')));
    // Back to 0.8 after 1.0: not a break (the warning stays on the event that brought 1.0).
    s.post(leadCreate());
    // A second Mobile is not news anymore.
    s.post(leadCreate((r) => (r.Mobile = '604-555-0102')));

    const events = s.store.events.list({ limit: 100 }).items.reverse();
    expect(events.map((e) => e.drift ?? [])).toEqual([[], [], [], ['new_field'], ['new_type'], ['missing_field'], ['new_major'], [], []]);
    const messages = (await s.api.listDrift({ limit: 100 })).items.reverse().map((d) => d.message);
    expect(messages).toEqual([
      'new field `Mobile` of type string',
      'field `Status` arrived as string (seen before: number)',
      'field `LastName` is missing (it was in every earlier event of this shape)',
      'new major version 1.0 (highest before: 0.8): breaking changes are possible',
    ]);
    // The detail carries the same lines; the "drift only" filter finds exactly these events.
    expect(s.store.events.get(events[3]!.id)!.driftItems.map((d) => d.message)).toEqual(['new field `Mobile` of type string']);
    expect(s.store.events.list({ limit: 100, driftOnly: true }).items.map((e) => e.id)).toEqual([events[6]!.id, events[5]!.id, events[4]!.id, events[3]!.id]);
    // The 1.0 event started a shape of its own; 0.8 keeps learning.
    const majors = (await s.api.listShapes(undefined)).items.filter((x) => x.entity === 'lead').map((x) => [x.major, x.events]);
    expect(majors).toEqual([
      [0, 8],
      [1, 1],
    ]);
  });

  it('edited replays and test sends are not Maximizer traffic: never learned, never drift', async () => {
    const s = make();
    s.post(leadCreate(), leadCreate());
    s.postAs(
      'edited',
      leadCreate((r) => (r.Invented = 'by hand')),
    );
    s.postAs(
      'test',
      leadCreate((r) => (r.Status = 'made up')),
    );
    s.postAs('imported', leadCreate());
    expect((await s.api.getShape({ entity: 'lead' })).events).toBe(3);
    expect((await s.api.listDrift({ limit: 10 })).items).toEqual([]);
  });

  it('a new object is one finding, not one per nested field', async () => {
    const s = make();
    s.post(
      leadCreate(),
      leadCreate((r) => (r.Address2 = { City: 'Burnaby', Country: 'Canada' })),
    );
    expect((await s.api.listDrift({ limit: 10 })).items.map((d) => d.message)).toEqual(['new field `Address2` of type object']);
  });

  it('never keeps the secret or token-like values as examples', async () => {
    const secret = 'receiver-secret-1234567890';
    const s = make(secret);
    s.post(
      leadCreate((r) => {
        r.ApiToken = 'plain-looking';
        r.Note = `see ${secret}`;
        r.Auth = 'Bearer abc.def';
        r.Jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
        r.Opaque = 'a8f5f167f44f4964e6c998dee827110c';
      }),
    );
    const lead = await s.api.getShape({ entity: 'lead' });
    for (const name of ['ApiToken', 'Note', 'Auth', 'Jwt', 'Opaque']) expect(field(lead, name).examples).toEqual([]);
    expect(JSON.stringify([...s.store.shapes.allFields().values()])).not.toContain(secret);
  });
});

describe('learning is incremental and survives a restart', () => {
  it('learns as requests are indexed, slice by slice, never twice for a retry', async () => {
    const s = make();
    const first = leadCreate();
    s.commit(first, leadCreate(), leadCreate());
    // The indexer takes one request at a time here: each slice adds what it parsed.
    s.store.events.indexPending(1, 0);
    expect((await s.api.getShape({ entity: 'lead' })).events).toBe(1);
    s.index(1);
    expect((await s.api.getShape({ entity: 'lead' })).events).toBe(3);
    // Maximizer's retry of a delivered webhook is another attempt, not another sighting.
    s.post(first);
    expect((await s.api.getShape({ entity: 'lead' })).events).toBe(3);
  });

  it('keeps shapes and drift across a restart and judges new events against them', async () => {
    const s = make();
    s.post(
      leadCreate(),
      leadCreate(),
      leadCreate((r) => (r.Mobile = '1')),
    );
    s.restart();
    expect((await s.api.listDrift({ limit: 10 })).items.map((d) => d.message)).toEqual(['new field `Mobile` of type string']);
    s.post(
      leadCreate((r) => (r.Pager = '2')),
      leadCreate((r) => (r.Mobile = '3')),
    );
    const lead = await s.api.getShape({ entity: 'lead' });
    expect(lead.events).toBe(5);
    expect(field(lead, 'Mobile').events).toBe(2);
    expect((await s.api.listDrift({ limit: 10 })).items.map((d) => d.message)).toEqual([
      'new field `Pager` of type string',
      'new field `Mobile` of type string',
    ]);
  });

  it('a clear forgets shapes, also in the indexer that holds them in memory', async () => {
    const s = make();
    s.post(leadCreate(), leadCreate());
    s.store.clear();
    expect((await s.api.listShapes(undefined)).items).toEqual([]);
    s.post(leadCreate((r) => (r.Mobile = '1')));
    const lead = await s.api.getShape({ entity: 'lead' });
    expect(lead.events).toBe(1);
    expect((await s.api.listDrift({ limit: 10 })).items).toEqual([]);
  });

  it('retention drops drift flags with their events but keeps what the shape learned', async () => {
    const s = make();
    s.post(
      leadCreate(),
      leadCreate((r) => (r.Mobile = '1')),
      leadCreate(),
    );
    s.store.events.prune({ maxEvents: 1, now: Date.now() });
    expect((await s.api.listDrift({ limit: 10 })).items).toEqual([]);
    expect((await s.api.getShape({ entity: 'lead' })).events).toBe(3);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeKey } from '@shared/keys';
import { buildEvent, type SandboxEvent } from '../../../electron/engine/sandbox/events';
import { ActivityGenerator, GENERATED_KINDS, type GeneratedKind } from '../../../electron/engine/sandbox/generator';
import { renderPayload } from '../../../electron/engine/sandbox/payload';
import { seededRandom } from '../../../electron/engine/sandbox/random';

/**
 * Generated events must have the shapes of Maximizer's official samples, read in place from
 * ../shared/maximizer: per Entity/Op/Version, the same field names (exact spelling of some sample)
 * and JSON types, nested objects included.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const reference = (name: string) => readFileSync(resolve(repoRoot, '../shared/maximizer', name), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Sample {
  name: string;
  envelope: Record<string, Json>;
  entity: string;
  op: string;
  version: Json;
  original: Record<string, Json> | null;
  new: Record<string, Json> | null;
}

const get = (obj: Record<string, Json>, name: string): Json | undefined => {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
};
const asRecord = (value: Json | undefined): Record<string, Json> | null => (value && typeof value === 'object' && !Array.isArray(value) ? value : null);

function toSample(name: string, envelope: Record<string, Json>): Sample {
  const data = asRecord(get(envelope, 'data'))!;
  return {
    name,
    envelope,
    entity: String(get(envelope, 'entity')),
    op: String(get(data, 'op')),
    version: get(data, 'version') ?? null,
    original: asRecord(get(data, 'original')),
    new: asRecord(get(data, 'new')),
  };
}

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { body?: { raw?: string } };
  response?: { name?: string; originalRequest?: { body?: { raw?: string } } }[];
}
function samples(): Sample[] {
  const out: Sample[] = [];
  const walk = (items: PostmanItem[]) => {
    for (const item of items) {
      if (item.item) walk(item.item);
      if (item.request?.body?.raw) out.push(toSample(item.name, JSON.parse(item.request.body.raw)));
      for (const r of item.response ?? [])
        if (r.originalRequest?.body?.raw) out.push(toSample(`${item.name} (${r.name})`, JSON.parse(r.originalRequest.body.raw)));
    }
  };
  walk((JSON.parse(reference('webhooks-payloads.postman_collection.json')) as { item: PostmanItem[] }).item);
  const guide = reference('webhooks-guide.txt');
  const from = guide.indexOf('\n[', guide.indexOf("Webhook's payload"));
  for (const envelope of JSON.parse(guide.slice(from + 1, guide.indexOf('\n]', from) + 2)) as Record<string, Json>[]) out.push(toSample('guide', envelope));
  return out;
}
const SAMPLES = samples();
const groupKey = (entity: string, op: string, version: Json) => `${entity.toLowerCase()}/${op.toLowerCase()}/${String(version)}`;

const typeOf = (value: Json): string =>
  value === null ? 'null' : Array.isArray(value) ? `array<${[...new Set(value.map(typeOf))].sort().join('|')}>` : typeof value;

/**
 * Compares a generated section with the samples' sections of the same group: every generated field is
 * spelled as in some sample and has that sample's JSON type; every field all samples carry is present
 * (for an update's New only the key: New carries just the written fields, CONTRACT §5).
 */
function compareSection(generated: Record<string, Json>, references: Record<string, Json>[], where: string, onlyKeyRequired: boolean): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(generated)) {
    const matches = references.filter((r) => Object.hasOwn(r, name));
    if (matches.length === 0) {
      problems.push(`${where}.${name}: no sample has this field (spelled so)`);
      continue;
    }
    const types = new Set(matches.map((r) => typeOf(r[name]!)));
    if (!types.has(typeOf(value))) problems.push(`${where}.${name}: ${typeOf(value)}, samples have ${[...types].join(' or ')}`);
    const nested = asRecord(value);
    const nestedRefs = matches.map((r) => asRecord(r[name]!)).filter((r): r is Record<string, Json> => r !== null);
    if (nested && nestedRefs.length) problems.push(...compareSection(nested, nestedRefs, `${where}.${name}`, onlyKeyRequired));
  }
  const lower = new Set(Object.keys(generated).map((k) => k.toLowerCase()));
  const everywhere = Object.keys(references[0]!).filter((name) => references.every((r) => Object.keys(r).some((k) => k.toLowerCase() === name.toLowerCase())));
  for (const name of everywhere) {
    if (onlyKeyRequired && name.toLowerCase() !== 'key') continue;
    if (!lower.has(name.toLowerCase())) problems.push(`${where}.${name}: in every sample, missing here`);
  }
  return problems;
}

function compareWithSamples(event: SandboxEvent): string[] {
  const group = SAMPLES.filter((s) => groupKey(s.entity, s.op, s.version) === groupKey(event.Entity, event.Op, event.Version));
  if (group.length === 0) return [`no official sample for ${groupKey(event.Entity, event.Op, event.Version)}`];
  const problems: string[] = [];
  if (!group.some((s) => s.entity === event.Entity)) problems.push(`Entity spelled ${event.Entity}, samples: ${group.map((s) => s.entity).join(', ')}`);
  if (!group.some((s) => s.op === event.Op)) problems.push(`Op spelled ${event.Op}`);
  if (!group.some((s) => typeof s.version === typeof event.Version)) problems.push(`Version is a ${typeof event.Version}`);
  for (const section of ['original', 'new'] as const) {
    const generated = section === 'original' ? event.Original : event.New;
    const refs = group.map((s) => s[section]).filter((r): r is Record<string, Json> => r !== null);
    if (generated === null) {
      if (refs.length === group.length) problems.push(`${section} is null, every sample has it`);
      continue;
    }
    if (refs.length === 0) {
      problems.push(`${section} is present, no sample has it`);
      continue;
    }
    problems.push(...compareSection(generated as Record<string, Json>, refs, section, section === 'new' && event.Op.toLowerCase() === 'update'));
  }
  return problems;
}

function run(seed: number, kinds: readonly GeneratedKind[], rounds: number): SandboxEvent[] {
  const random = seededRandom(seed);
  let clock = Date.parse('2025-03-14T15:09:26Z');
  const now = () => (clock += 61_000);
  const generator = new ActivityGenerator({ random, now });
  const context = { now, random, workspaceId: 'B7E3C1A2-4F5D-4E8B-9C6A-2D1F0E9B8A73', sourceId: '3c9e6f1a-8b2d-4f7e-a1c5-0d9b8e7f6a54' };
  const events: SandboxEvent[] = [];
  for (let round = 0; round < rounds; round++) for (const kind of kinds) events.push(buildEvent(generator.next(kind), context));
  return events;
}

describe('generated events', () => {
  it('reads the official samples it compares with', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(19);
    expect(new Set(SAMPLES.map((s) => groupKey(s.entity, s.op, s.version)))).toEqual(
      new Set([
        'lead/create/0.8',
        'lead/update/0.8',
        'lead/delete/0.8',
        'opportunity/create/0.1',
        'opportunity/update/0.1',
        'opportunity/update/1.1',
        'opportunity/update/1.0',
        'opportunity/delete/0.1',
        'export/read/1.0',
      ]),
    );
  });

  it.each(GENERATED_KINDS)('%s has the shape of the official samples (field names, JSON types, versions)', (kind) => {
    for (const event of run(11, [kind], 25)) expect(compareWithSamples(event), `${kind}: ${JSON.stringify(event)}`).toEqual([]);
  });

  it('finds a problem when a shape drifts from the samples (the comparison can fail)', () => {
    const [event] = run(3, ['lead.create'], 1);
    const drifted = { ...event!, New: { ...event!.New!, Revenue: 5, Status: '1' } };
    expect(compareWithSamples(drifted).sort()).toEqual(['new.Revenue: no sample has this field (spelled so)', 'new.Status: string, samples have number']);
    expect(compareWithSamples({ ...event!, Version: 0.8 })).toContain('Version is a number');
  });

  it('renders with the top-level names of the Postman samples and of the guide example', () => {
    for (const event of run(5, GENERATED_KINDS, 1)) {
      const group = SAMPLES.filter((s) => s.name !== 'guide' && groupKey(s.entity, s.op, s.version) === groupKey(event.Entity, event.Op, event.Version));
      const postman = JSON.parse(renderPayload(event, [], 'postman'));
      // Request bodies spell it workspaceid; one saved example spells it workspaceId.
      expect(group.map((s) => Object.keys(s.envelope).join())).toContain(Object.keys(postman).join());
      expect(group.map((s) => Object.keys(asRecord(get(s.envelope, 'data'))!).join())).toContain(Object.keys(postman.data).join());
      const [guide] = JSON.parse(renderPayload(event, [], 'guide'));
      const example = SAMPLES.find((s) => s.name === 'guide')!.envelope;
      expect(Object.keys(guide)).toEqual(Object.keys(example));
      expect(Object.keys(guide.Data)).toEqual(Object.keys(asRecord(example.Data)!));
    }
  });

  it('uses Maximizer-format keys: base64 of Type⇥Id⇥0 with dated ids, user keys as Type⇥Id', () => {
    const events = run(9, GENERATED_KINDS, 3);
    for (const event of events) {
      for (const section of [event.Original, event.New]) {
        for (const [name, value] of Object.entries(section ?? {})) {
          if (!/key$|^AssignedTo$|^Creator$|^ModifiedBy$/i.test(name)) continue;
          const key = decodeKey(value);
          expect(key, `${name}=${String(value)}`).not.toBeNull();
          if (key!.type === 'User') expect(key!.number).toBeNull();
          else expect(key!.number).not.toBeNull();
          if (name.toLowerCase() === 'key') {
            expect(key!.type).toBe(event.Entity.toLowerCase() === 'lead' ? 'Lead' : 'Opportunity');
            expect(key!.id).toMatch(/^\d{21}(LE|O)$/);
          }
        }
      }
    }
  });

  it('keeps a consistent CRM: stages move one step from where the last change left them, deleted records never come back', () => {
    const events = run(21, ['opportunity.stage', 'lead.update', 'lead.delete', 'opportunity.update', 'opportunity.delete', 'lead.create'], 30);
    const stageOf = new Map<string, string>();
    const deleted = new Set<string>();
    for (const event of events) {
      const key = String((event.New ?? event.Original)!.key ?? (event.New ?? event.Original)!.Key);
      expect(deleted.has(key), `${event.Entity}/${event.Op} on deleted ${key}`).toBe(false);
      if (event.Version === '1.1') {
        const from = String(event.Original!.salesStageSetupName);
        if (stageOf.has(key)) expect(from).toBe(stageOf.get(key));
        stageOf.set(key, String(event.New!.salesStageSetupName));
        expect(event.New!.salesStageSetupName).not.toBe(from);
      }
      if (event.Op === 'delete') deleted.add(key);
    }
  });

  it('writes only changed fields into a lead update, with the Key, and Original holds the values before', () => {
    for (const event of run(4, ['lead.update'], 20)) {
      const written = Object.keys(event.New!).filter((k) => k !== 'Key');
      expect(written.length).toBeGreaterThan(0);
      for (const field of written) expect(event.New![field]).not.toEqual(event.Original![field]);
      expect(event.New!.Key).toBe(event.Original!.Key);
    }
  });

  it('repeats exactly with the same seed and clock, and differs with another seed', () => {
    expect(run(42, GENERATED_KINDS, 2)).toEqual(run(42, GENERATED_KINDS, 2));
    expect(run(43, GENERATED_KINDS, 1).map((e) => e.Id)).not.toEqual(run(42, GENERATED_KINDS, 1).map((e) => e.Id));
  });

  it('draws every kind when no kind is given', () => {
    const generator = new ActivityGenerator({ random: seededRandom(1), now: () => Date.parse('2025-01-01T00:00:00Z') });
    const seen = new Set(Array.from({ length: 400 }, () => generator.randomKind()));
    expect(seen).toEqual(new Set(GENERATED_KINDS));
  });
});

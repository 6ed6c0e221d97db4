import { z } from 'zod';
import { call, noInput } from './define';
import { driftKinds } from '../shapes/drift';
import { jsonTypes } from '../shapes/observe';

export const driftKind = z.enum(driftKinds);

/** One drift flag: what one event changed in its shape. Stored, so it survives restarts. */
export const driftItem = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  shapeId: z.number().int(),
  kind: driftKind,
  /** The field as the event spelled it; null for a new major. */
  path: z.string().nullable(),
  /** The type the event brought (new field / new type), or the version (new major). */
  type: z.string().nullable(),
  /** Types seen before (new type, missing field) or the highest version before (new major). */
  previous: z.string().nullable(),
  receivedAt: z.number(),
  /** The line shown in the Changes view: "new field `Mobile` of type string". */
  message: z.string(),
});
export type DriftItem = z.infer<typeof driftItem>;

/** A shape: one version line of one kind of event (Entity × Op × kind), one major. */
export const shapeSummary = z.object({
  id: z.number().int(),
  entity: z.string(),
  /** Every spelling the entity arrived with (`lead`, `Lead`). */
  entitySpellings: z.array(z.string()),
  op: z.string(),
  /** `stage change` for Opportunity stage changes (they share Entity and Op with plain updates). */
  kind: z.enum(['record', 'stage change']),
  /** -1 when the version was missing or unparseable. */
  major: z.number().int(),
  versions: z.array(z.object({ version: z.string(), count: z.number().int() })),
  events: z.number().int(),
  fields: z.number().int(),
  drift: z.number().int(),
  firstSeen: z.number(),
  lastSeen: z.number(),
});
export type ShapeSummary = z.infer<typeof shapeSummary>;

export const shapeField = z.object({
  /** As last spelled, e.g. `Address.City`, `Udf/$TYPEID(57993)[]`. */
  path: z.string(),
  /** Lower-cased identity: keys differing only in case are one field. */
  id: z.string(),
  /** The field's parent (`Address` for `Address.City`), null at the top. */
  parent: z.string().nullable(),
  spellings: z.array(z.string()),
  types: z.array(z.enum(jsonTypes)),
  events: z.number().int(),
  inOriginal: z.number().int(),
  inNew: z.number().int(),
  /** Present in every event that carried its parent. */
  always: z.boolean(),
  /** "always · Original and New", "sometimes (3/10) · only New". */
  presence: z.string(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  firstEventId: z.number().int(),
  lastEventId: z.number().int(),
  examples: z.array(z.string()),
});
export type ShapeField = z.infer<typeof shapeField>;

export const shapeDetail = shapeSummary.extend({ fieldList: z.array(shapeField) });
export type ShapeDetail = z.infer<typeof shapeDetail>;

export const modelLanguages = ['typescript', 'zod', 'json-schema', 'csharp', 'python'] as const;
export const modelLanguage = z.enum(modelLanguages);
export type ModelLanguage = z.infer<typeof modelLanguage>;

export const shapesCalls = {
  listShapes: call(
    noInput,
    z.object({ items: z.array(shapeSummary) }),
    'Every shape learned from stored events (Entity × Op × kind × major), with versions, counts and drift.',
  ),
  getShape: call(
    z.union([
      z.object({ id: z.number().int() }),
      z.object({
        entity: z.string().min(1),
        op: z.string().optional(),
        kind: z.enum(['record', 'stage change']).optional(),
        major: z.number().int().optional(),
      }),
    ]),
    shapeDetail,
    "One shape's fields: paths, JSON types, presence, first/last seen, examples. By id, or by entity (newest matching shape).",
  ),
  listDrift: call(
    z
      .object({
        shapeId: z.number().int().optional(),
        entity: z.string().optional(),
        eventId: z.number().int().optional(),
        kind: driftKind.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        before: z.number().int().optional(),
      })
      .default({ limit: 100 }),
    z.object({ items: z.array(driftItem) }),
    'Drift flags, newest first: new field, new type, missing field, new major version; by shape, entity, event or kind.',
  ),
  generateModel: call(
    z.union([
      z.object({ shapeId: z.number().int(), language: modelLanguage }),
      z.object({
        eventIds: z.array(z.number().int()).min(1).max(1000),
        language: modelLanguage,
        name: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9]*$/)
          .max(60)
          .optional(),
      }),
    ]),
    z.object({ language: modelLanguage, name: z.string(), fileName: z.string(), code: z.string() }),
    'A typed model (TypeScript, zod, JSON Schema, C#, Python/pydantic) of a shape, or inferred from chosen events; optional where fields were sometimes absent.',
  ),
  exportFixtures: call(
    z.union([
      z.object({ eventIds: z.array(z.number().int()).min(1).max(1000) }),
      z.object({ shapeId: z.number().int(), limit: z.number().int().min(1).max(1000).default(100) }),
    ]),
    z.object({ files: z.array(z.object({ name: z.string(), eventId: z.number().int(), content: z.string() })) }),
    "Chosen events (or a shape's latest) as test fixtures: one JSON file each, as Maximizer sent it, named entity-op-Key.json.",
  ),
};

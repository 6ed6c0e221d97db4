import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  header,
  headerRequest,
  listData,
  problemDetails,
  resendableHeaders,
  singleData,
  subscriptionItem,
  subscriptionItems,
  subscriptionRequest,
  subscriptionResponse,
  targetEndpoint,
  targetEndpointRequest,
  targetItem,
  targetItems,
  targetRequest,
  targetResponse,
} from '../../../electron/engine/maximizer/schemas';

/**
 * Holds the client's zod schemas against every component schema of Maximizer's OpenAPI document,
 * read in place. For each component, instances generated from the document's own JSON schema must
 * be accepted by both (and come out of zod unchanged), and every single-property mutation of them
 * (missing, null, wrong type, bad format) must get the same verdict from both - except where the
 * client deliberately requires more than the document (`required`), checks a format less
 * (`lenientFormat`) or constrains a request value more (`constrained`), where the difference itself
 * is asserted.
 */

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const DOC_ID = 'webhooks-openapi.json';
const doc = JSON.parse(readFileSync(resolve(repoRoot, '../shared/maximizer', DOC_ID), 'utf8')) as { components: { schemas: Record<string, JsonSchema> } };

interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  $ref?: string;
}

const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
ajv.addSchema(doc as object, DOC_ID);
const documentAccepts = (component: string, value: unknown) => ajv.getSchema(`${DOC_ID}#/components/schemas/${component}`)!(value) as boolean;

const deref = (node: JsonSchema): JsonSchema => (node.$ref ? doc.components.schemas[node.$ref.replace('#/components/schemas/', '')]! : node);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

interface Case {
  component: string;
  /** Which use of the component, when one component has two zod schemas. */
  use?: string;
  zod: z.ZodType;
  /** Paths (arrays as `[]`) the client requires, non-null (and non-empty for strings), beyond the document. */
  required: string[];
  /** Paths whose `format` the client does not check. */
  lenientFormat?: string[];
  /** Unknown properties are kept (the document allows extra members) instead of dropped. */
  keepsUnknown?: boolean;
  /**
   * Paths whose values the client constrains beyond the document (what Node or Maximizer would refuse):
   * instances draw `valid` values there, and each `invalid` value is accepted by the document, refused by zod.
   */
  constrained?: Record<string, Constraint>;
}

interface Constraint {
  valid: fc.Arbitrary<unknown>;
  invalid: unknown[];
}

const MANAGED = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'host'];
/** Header names Node can send and the sender does not compute itself; values without line breaks. */
const headerConstraints = (at: string): Record<string, Constraint> => ({
  [`${at}Key`]: {
    valid: fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/).filter((name) => !MANAGED.includes(name.toLowerCase())),
    invalid: ['', 'X A', 'X:A', 'Content-Length', 'host'],
  },
  [`${at}Value`]: { valid: fc.string().filter((value) => !/[\r\n\0]/.test(value)), invalid: ['1\r\nX-B: 2', 'a\nb', 'a\0b'] },
});
const nonBlank: Constraint = { valid: fc.string({ minLength: 1 }).filter((text) => text.trim() !== ''), invalid: ['', ' ', '\t'] };
/** Filters Maximizer parses (CONTRACT §3), and items it refuses though the document allows anything. */
const filter: Constraint = {
  valid: fc.subarray([
    '{"Revenue": {"$GT": 1000}}',
    '{"$EXISTS": "SalesStageSetupKey"}',
    '{"Udf/$TYPEID(57993)": {"$IN": ["2", "3"]}}',
    '{"Name": {"$LIKE": "%acme%"}}',
  ]),
  invalid: [['{"Revenue": {"$FOO": 1}}'], ['not json'], [42], ['{"A": {"$EQ": 1}, "B": {"$EQ": 2}}']],
};

const cases: Case[] = [
  { component: 'Header', use: 'response', zod: header, required: [] },
  { component: 'Header', use: 'request', zod: headerRequest, required: ['Key'], constrained: headerConstraints('') },
  { component: 'ProblemDetails', zod: problemDetails, required: [], keepsUnknown: true },
  { component: 'TargetWebHookEndpointDto', use: 'response', zod: targetEndpoint, required: [], lenientFormat: ['Url'] },
  {
    component: 'TargetWebHookEndpointDto',
    use: 'request',
    zod: targetEndpointRequest,
    required: ['Url', 'Headers[].Key'],
    constrained: headerConstraints('Headers[].'),
  },
  {
    component: 'TargetRequestDto',
    zod: targetRequest,
    required: ['Endpoint', 'Endpoint.Url', 'Endpoint.Headers[].Key'],
    constrained: headerConstraints('Endpoint.Headers[].'),
  },
  { component: 'TargetResponseDto', zod: targetResponse, required: ['TargetId'], lenientFormat: ['Endpoint.Url'] },
  {
    component: 'SubscriptionRequestDto',
    zod: subscriptionRequest,
    required: ['Entity', 'Op', 'TargetId'],
    constrained: { Entity: nonBlank, Op: nonBlank, Filter: filter },
  },
  { component: 'SubscriptionResponseDto', zod: subscriptionResponse, required: ['SubscriptionId', 'TargetId'] },
  {
    component: 'TargetResponseDtoSingleEntryItemResponseDto',
    zod: singleData(targetResponse),
    required: ['Item', 'Item.TargetId'],
    lenientFormat: ['Item.Endpoint.Url'],
  },
  {
    component: 'TargetResponseDtoSingleEntryResponseDto',
    zod: targetItem,
    required: ['Data', 'Data.Item', 'Data.Item.TargetId'],
    lenientFormat: ['Data.Item.Endpoint.Url'],
  },
  {
    component: 'TargetResponseDtoMultipleEntriesItemsResponseDto',
    zod: listData(targetResponse),
    required: ['Items[].TargetId'],
    lenientFormat: ['Items[].Endpoint.Url'],
  },
  {
    component: 'TargetResponseDtoMultipleEntriesResponseDto',
    zod: targetItems,
    required: ['Data', 'Data.Items[].TargetId'],
    lenientFormat: ['Data.Items[].Endpoint.Url'],
  },
  {
    component: 'SubscriptionResponseDtoSingleEntryItemResponseDto',
    zod: singleData(subscriptionResponse),
    required: ['Item', 'Item.SubscriptionId', 'Item.TargetId'],
  },
  {
    component: 'SubscriptionResponseDtoSingleEntryResponseDto',
    zod: subscriptionItem,
    required: ['Data', 'Data.Item', 'Data.Item.SubscriptionId', 'Data.Item.TargetId'],
  },
  {
    component: 'SubscriptionResponseDtoMultipleEntriesItemsResponseDto',
    zod: listData(subscriptionResponse),
    required: ['Items[].SubscriptionId', 'Items[].TargetId'],
  },
  {
    component: 'SubscriptionResponseDtoMultipleEntriesResponseDto',
    zod: subscriptionItems,
    required: ['Data', 'Data.Items[].SubscriptionId', 'Data.Items[].TargetId'],
  },
];

// ---- instances generated from the document's JSON schema ----

function arbitrary(node: JsonSchema, path: string, required: Set<string>, constrained: Record<string, Constraint>): fc.Arbitrary<unknown> {
  const schema = deref(node);
  const base = constrained[path]?.valid ?? baseArbitrary(schema, path, required, constrained);
  return schema.nullable && !required.has(path) ? fc.option(base, { nil: null }) : base;
}

function baseArbitrary(schema: JsonSchema, path: string, required: Set<string>, constrained: Record<string, Constraint>): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, arbitrary(value, join(path, key), required, constrained)]));
      const requiredKeys = Object.keys(properties).filter((key) => schema.required?.includes(key) || required.has(join(path, key)));
      return fc.record(model, { requiredKeys, noNullPrototype: true });
    }
    case 'array':
      return fc.array(arbitrary(schema.items ?? {}, `${path}[]`, required, constrained), { maxLength: 3 });
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'uri') return fc.webUrl();
      return fc.string({ minLength: required.has(path) ? 1 : 0 });
    case 'integer':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      // `items: {}`: anything (Filter); in practice JSON-encoded strings, but the document allows any JSON.
      return fc.jsonValue();
  }
}

// ---- mutations of a valid instance ----

interface Mutation {
  kind: 'missing' | 'null' | 'type' | 'format' | 'constraint';
  path: string;
  value: unknown;
}

function wrongTypes(schema: JsonSchema): unknown[] {
  switch (schema.type) {
    case 'object':
      return ['text', [1]];
    case 'array':
      return [{ a: 1 }, 'text'];
    case 'string':
      return [42, true];
    case 'integer':
      return [1.5, '7'];
    case 'number':
      return ['7'];
    case 'boolean':
      return ['true', 1];
    default:
      return []; // anything goes
  }
}

function badFormats(schema: JsonSchema): unknown[] {
  if (schema.format === 'uuid') return ['not-a-uuid', '3f2504e0-4f89-11d3-9a0c-0305e82c330'];
  if (schema.format === 'uri') return ['not a uri'];
  if (schema.format === 'int32') return [2 ** 31];
  return [];
}

function* mutations(node: JsonSchema, value: unknown, path: string, constrained: Record<string, Constraint>): Generator<Mutation> {
  const schema = deref(node);
  if (schema.type === 'array' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const inner of mutations(schema.items ?? {}, value[i], `${path}[]`, constrained)) {
        yield { ...inner, value: value.map((item, j) => (j === i ? inner.value : item)) };
      }
    }
    return;
  }
  if (schema.type !== 'object' || typeof value !== 'object' || value === null) return;
  const object = value as Record<string, unknown>;
  for (const [key, propertyNode] of Object.entries(schema.properties ?? {})) {
    const property = deref(propertyNode);
    const at = join(path, key);
    const set = (next: unknown) => ({ ...object, [key]: next });
    if (!Object.hasOwn(object, key)) {
      for (const wrong of wrongTypes(property)) yield { kind: 'type', path: at, value: set(wrong) };
      continue;
    }
    const { [key]: _dropped, ...without } = object;
    yield { kind: 'missing', path: at, value: without };
    if (object[key] !== null) yield { kind: 'null', path: at, value: set(null) };
    for (const wrong of wrongTypes(property)) yield { kind: 'type', path: at, value: set(wrong) };
    for (const bad of badFormats(property)) yield { kind: 'format', path: at, value: set(bad) };
    for (const bad of constrained[at]?.invalid ?? []) yield { kind: 'constraint', path: at, value: set(bad) };
    for (const inner of mutations(property, object[key], at, constrained)) yield { ...inner, value: set(inner.value) };
  }
}

// ---- key spelling and unknown properties ----

/** Re-spells every documented property name of the instance (lower, UPPER, camel), following the schema. */
function respell(node: JsonSchema, value: unknown, pick: () => number): unknown {
  const schema = deref(node);
  if (schema.type === 'array' && Array.isArray(value)) return value.map((item) => respell(schema.items ?? {}, item, pick));
  if (schema.type !== 'object' || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const spellings = [key.toLowerCase(), key.toUpperCase(), key.charAt(0).toLowerCase() + key.slice(1), key];
    out[spellings[pick() % spellings.length]!] = respell(schema.properties?.[key] ?? {}, item, pick);
  }
  return out;
}

/** Adds `ExtraField: 1` to every object of the instance that the schema describes. */
function withUnknown(node: JsonSchema, value: unknown): unknown {
  const schema = deref(node);
  if (schema.type === 'array' && Array.isArray(value)) return value.map((item) => withUnknown(schema.items ?? {}, item));
  if (schema.type !== 'object' || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = { extraField: 1 };
  for (const [key, item] of Object.entries(value)) out[key] = withUnknown(schema.properties?.[key] ?? {}, item);
  return out;
}

const label = (c: Case) => (c.use ? `${c.component} (${c.use})` : c.component);

describe('zod schemas against the OpenAPI document', () => {
  it('cover every component schema of the document', () => {
    expect(new Set(cases.map((c) => c.component))).toEqual(new Set(Object.keys(doc.components.schemas)));
  });

  it('only require beyond the document what exists there', () => {
    const exists = (component: string, path: string) => {
      let node: JsonSchema = doc.components.schemas[component]!;
      for (const part of path.split('.')) {
        const key = part.replace(/\[\]$/, '');
        const next = deref(node).properties?.[key];
        if (!next) return false;
        node = part.endsWith('[]') ? (deref(next).items ?? {}) : next;
      }
      return true;
    };
    for (const c of cases)
      for (const path of [...c.required, ...(c.lenientFormat ?? []), ...Object.keys(c.constrained ?? {})])
        expect(exists(c.component, path), `${label(c)}: ${path}`).toBe(true);
  });

  for (const c of cases) {
    const root = doc.components.schemas[c.component]!;
    const required = new Set(c.required);
    const lenient = new Set(c.lenientFormat ?? []);
    const constrained = c.constrained ?? {};
    const instances = arbitrary(root, '', required, constrained);

    describe(label(c), () => {
      it('accept the same valid instances, and zod returns them unchanged', () => {
        fc.assert(
          fc.property(instances, (instance) => {
            expect(documentAccepts(c.component, instance)).toBe(true);
            const parsed = c.zod.safeParse(instance);
            expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
            expect(parsed.data).toEqual(instance);
          }),
          { numRuns: 60 },
        );
      });

      it('agree on every missing, null, wrongly typed or badly formatted property, except the deliberate differences', () => {
        fc.assert(
          fc.property(instances, (instance) => {
            for (const mutation of mutations(root, instance, '', constrained)) {
              const where = `${mutation.kind} ${mutation.path}: ${JSON.stringify(mutation.value)}`;
              const documentVerdict = documentAccepts(c.component, mutation.value);
              const zodVerdict = c.zod.safeParse(mutation.value).success;
              if ((mutation.kind === 'missing' || mutation.kind === 'null') && required.has(mutation.path)) {
                // The document makes nothing required, but may forbid null (non-nullable properties).
                if (mutation.kind === 'missing') expect(documentVerdict, where).toBe(true);
                expect(zodVerdict, where).toBe(false);
              } else if (mutation.kind === 'constraint') {
                expect(documentVerdict, where).toBe(true);
                expect(zodVerdict, where).toBe(false);
              } else if (mutation.kind === 'format' && lenient.has(mutation.path)) {
                expect(documentVerdict, where).toBe(false);
                expect(zodVerdict, where).toBe(true);
              } else {
                expect(zodVerdict, where).toBe(documentVerdict);
              }
            }
          }),
          { numRuns: 40 },
        );
      });

      it('read property names in any letter case', () => {
        fc.assert(
          fc.property(instances, fc.infiniteStream(fc.nat()), (instance, picks) => {
            const iterator = picks[Symbol.iterator]();
            const respelled = respell(root, instance, () => iterator.next().value as number);
            const parsed = c.zod.safeParse(respelled);
            expect(parsed.success).toBe(true);
            expect(parsed.data).toEqual(instance);
          }),
          { numRuns: 40 },
        );
      });

      it(c.keepsUnknown ? 'keep unknown members (the document allows them)' : 'tolerate unknown properties and drop them (the document forbids them)', () => {
        fc.assert(
          fc.property(instances, (instance) => {
            const extended = withUnknown(root, instance);
            expect(documentAccepts(c.component, extended)).toBe(root.additionalProperties !== false);
            const parsed = c.zod.safeParse(extended);
            expect(parsed.success).toBe(true);
            expect(parsed.data).toEqual(c.keepsUnknown ? { ...(instance as object), ExtraField: 1 } : instance);
          }),
          { numRuns: 30 },
        );
      });
    });
  }
});

describe('resendableHeaders', () => {
  it('turns headers as read into headers that can be sent back, dropping the nameless ones', () => {
    const read = targetEndpoint.parse({
      url: 'x',
      headers: [{ key: 'X-A', value: '1' }, { key: null, value: 'lost' }, { value: '2' }, { key: 'X-B' }],
    }).Headers;
    const sendable = resendableHeaders(read);
    expect(sendable).toEqual([{ Key: 'X-A', Value: '1' }, { Key: 'X-B' }]);
    expect(targetEndpointRequest.safeParse({ Url: 'https://x.example/', Headers: sendable }).success).toBe(true);
    expect(resendableHeaders(null)).toEqual([]);
  });
});

describe('generated types', () => {
  it('electron/engine/maximizer/openapi.d.ts is up to date with the document', () => {
    // Throws (non-zero exit) when the committed file differs from a fresh generation.
    execFileSync(process.execPath, [resolve(repoRoot, 'scripts/gen-maximizer-types.mjs'), '--check'], { cwd: repoRoot, stdio: 'pipe' });
  });
});

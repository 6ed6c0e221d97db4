import { findKey, getCaseless, isObject, type JsonObject } from '@shared/caseless';
import { encodeKey } from '@shared/keys';
import { digits, randomInt, uuidFrom, type Random } from './random';

/** What a caller (the control endpoint, the generator, a test) asks the sandbox to emit. */
export interface EmitInput {
  Entity: string;
  Op: string;
  Original?: JsonObject | null;
  New?: JsonObject | null;
  Version?: string | number | null;
  /** A numeric Version's spelling as sent (`1.10`), which the number itself cannot keep. */
  VersionSpelling?: string;
}

/** One event as the sandbox's source produced it, before it is rendered per subscription and style. */
export interface SandboxEvent {
  Id: string;
  /** ISO-8601 UTC with 7 fractional digits, like Maximizer's (`2023-09-08T21:25:29.2257517Z`). */
  Timestamp: string;
  ProcessedTimestamp: string;
  WorkspaceId: string;
  SourceId: string;
  Entity: string;
  Op: string;
  Original: JsonObject | null;
  New: JsonObject | null;
  Version: string | number;
  /** How a numeric Version is written in payloads (`1.10` stays `1.10`); absent: as JavaScript prints it. */
  VersionSpelling?: string;
}

export interface EventContext {
  now: () => number;
  random: Random;
  workspaceId: string;
  sourceId: string;
}

const KEY_TYPES: Record<string, { type: string; suffix: string }> = {
  lead: { type: 'Lead', suffix: 'LE' },
  opportunity: { type: 'Opportunity', suffix: 'O' },
  abentry: { type: 'AbEntry', suffix: 'C' },
  case: { type: 'Case', suffix: 'CA' },
  campaign: { type: 'Campaign', suffix: 'CP' },
};

/** `yyMMdd`, 15 digits, then a type letter: the shape of real ids such as `230908000320772238169LE`. */
export function mintRecordId(ms: number, random: Random, suffix: string): string {
  const date = new Date(ms).toISOString();
  return `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${digits(random, 15)}${suffix}`;
}

/** A record key for an entity: base64 of `Type⇥<id>⇥0` (CONTRACT §5). */
export function mintKey(entity: string, ms: number, random: Random): string {
  const known = KEY_TYPES[entity.toLowerCase()];
  const type = known?.type ?? (/^[A-Za-z]+$/.test(entity) ? entity[0]!.toUpperCase() + entity.slice(1) : 'Record');
  return encodeKey(type, mintRecordId(ms, random, known?.suffix ?? type[0]!.toUpperCase()), '0');
}

/** Maximizer's timestamps carry 7 fractional digits (100 ns ticks); the extra 4 digits come from `random`. */
export function ticksIso(ms: number, random: Random): string {
  return new Date(ms).toISOString().replace(/Z$/, `${digits(random, 4)}Z`);
}

const isStageChange = (...sections: (JsonObject | null)[]): boolean => sections.some((s) => isObject(s) && findKey(s, 'SalesStageSetupKey') !== undefined);

/** Per-entity versions as in the official samples (CONTRACT §5): Lead "0.8", Opportunity 0.1 (a number), stage change "1.1", Export "1.0". */
export function defaultVersion(entity: string, original: JsonObject | null, next: JsonObject | null): string | number {
  switch (entity.toLowerCase()) {
    case 'lead':
      return '0.8';
    case 'opportunity':
      return isStageChange(original, next) ? '1.1' : 0.1;
    default:
      return '1.0';
  }
}

/** Sections in camelCase (stage change 1.x, Export) spell it `key`; PascalCase ones (Lead, Opportunity 0.x) `Key`. */
function keyField(sections: (JsonObject | null)[]): 'Key' | 'key' {
  const names = sections.flatMap((s) => (s ? Object.keys(s) : []));
  return names.length > 0 && names.every((n) => /^[a-z]/.test(n)) ? 'key' : 'Key';
}

/**
 * Completes a caller's event the way the real source would: a fresh Id, Timestamp ≤ ProcessedTimestamp,
 * the workspace's Id, the sections each op carries (create → no Original; delete/read → no New), a record
 * Key where one is missing (not for Export, which has none), and the entity's usual Version.
 */
export function buildEvent(input: EmitInput, context: EventContext): SandboxEvent {
  const op = input.Op.toLowerCase();
  let original = isObject(input.Original) ? structuredClone(input.Original) : null;
  let next = isObject(input.New) ? structuredClone(input.New) : null;
  if (op === 'create') {
    original = null;
    next ??= {};
  } else if (op === 'update') {
    original ??= {};
    next ??= {};
  } else if (op === 'delete' || op === 'read') {
    original ??= {};
    next = null;
  }

  const processedAt = context.now();
  // The source generated the event a moment before it was processed and forwarded.
  const generatedAt = processedAt - randomInt(context.random, 40, 900);

  if (input.Entity.toLowerCase() !== 'export') {
    const sections = [original, next].filter((s): s is JsonObject => s !== null);
    const existing = sections.map((s) => getCaseless(s, 'Key')).find((k): k is string => typeof k === 'string' && k !== '');
    const key = existing ?? mintKey(input.Entity, generatedAt, context.random);
    const field = keyField(sections);
    // The key leads the record, as in every sample.
    const withKey = (section: JsonObject | null): JsonObject | null =>
      section && findKey(section, 'Key') === undefined ? { [field]: key, ...section } : section;
    original = withKey(original);
    next = withKey(next);
  }

  return {
    Id: uuidFrom(context.random),
    Timestamp: ticksIso(generatedAt, context.random),
    ProcessedTimestamp: ticksIso(processedAt, context.random),
    WorkspaceId: context.workspaceId,
    SourceId: context.sourceId,
    Entity: input.Entity,
    Op: input.Op,
    Original: original,
    New: next,
    Version: input.Version ?? defaultVersion(input.Entity, original, next),
    ...(typeof input.Version === 'number' && input.VersionSpelling ? { VersionSpelling: input.VersionSpelling } : {}),
  };
}

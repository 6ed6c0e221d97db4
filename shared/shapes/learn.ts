import type { DriftFinding } from './drift';
import { parentPath, type FieldSighting, type JsonType } from './observe';

/** What is known of one field of one shape; kept in SQLite by the store. */
export interface FieldStats {
  /** Lower-cased path: the identity. */
  path: string;
  spellings: string[];
  types: JsonType[];
  /** Events of the shape that carried it, in either section. */
  events: number;
  inOriginal: number;
  inNew: number;
  firstSeen: number;
  lastSeen: number;
  firstEventId: number;
  lastEventId: number;
  examples: string[];
}

export interface ShapeFields {
  /** Events learned into this shape. */
  events: number;
  fields: Map<string, FieldStats>;
}

/** A field must have been in this many events in a row before its absence is drift, not chance. */
export const MISSING_BASELINE = 3;
const MAX_EXAMPLES = 3;
const MAX_SPELLINGS = 8;
/** A garbage payload must not flood the drift table: past this, one event's findings are cut. */
export const MAX_FINDINGS = 20;

/**
 * Drift of one event against what its shape knew before it: fields never seen, types
 * never seen, and fields that were in every earlier event (at least MISSING_BASELINE)
 * and are now absent. The first event of a shape is its baseline, never drift.
 */
export function judgeDrift(shape: ShapeFields, sightings: Map<string, FieldSighting>): DriftFinding[] {
  if (shape.events === 0) return [];
  const findings: DriftFinding[] = [];
  for (const sighting of sightings.values()) {
    const known = shape.fields.get(sighting.id);
    // A new object brings its children along: only the object itself is news.
    const parent = parentPath(sighting.id);
    if (!known) {
      if (parent !== null && !shape.fields.has(parent)) continue;
      findings.push({ kind: 'new_field', path: sighting.spelling, type: [...sighting.types].join(' | '), previous: null });
      continue;
    }
    const fresh = [...sighting.types].filter((t) => !known.types.includes(t));
    if (fresh.length) findings.push({ kind: 'new_type', path: sighting.spelling, type: fresh.join(' | '), previous: known.types.join(', ') });
  }
  if (shape.events >= MISSING_BASELINE) {
    for (const field of shape.fields.values()) {
      if (field.events < shape.events || sightings.has(field.path)) continue;
      // Inside arrays, an empty array is not a missing field; a missing parent is reported once.
      if (field.path.includes('[]')) continue;
      const parent = parentPath(field.path);
      if (parent !== null && !sightings.has(parent)) continue;
      findings.push({ kind: 'missing_field', path: field.spellings.at(-1) ?? field.path, type: null, previous: field.types.join(', ') });
    }
  }
  return findings.slice(0, MAX_FINDINGS);
}

/** Folds one event into its shape; returns the paths whose stats changed (to be written back). */
export function learnEvent(shape: ShapeFields, sightings: Map<string, FieldSighting>, at: { eventId: number; receivedAt: number }): string[] {
  shape.events++;
  const changed: string[] = [];
  for (const s of sightings.values()) {
    let field = shape.fields.get(s.id);
    if (!field) {
      field = {
        path: s.id,
        spellings: [],
        types: [],
        events: 0,
        inOriginal: 0,
        inNew: 0,
        firstSeen: at.receivedAt,
        lastSeen: at.receivedAt,
        firstEventId: at.eventId,
        lastEventId: at.eventId,
        examples: [],
      };
      shape.fields.set(s.id, field);
    }
    field.events++;
    if (s.inOriginal) field.inOriginal++;
    if (s.inNew) field.inNew++;
    field.lastSeen = Math.max(field.lastSeen, at.receivedAt);
    field.lastEventId = at.eventId;
    for (const spelling of s.spellings) if (!field.spellings.includes(spelling) && field.spellings.length < MAX_SPELLINGS) field.spellings.push(spelling);
    for (const t of s.types) if (!field.types.includes(t)) field.types.push(t);
    if (s.example !== undefined && field.examples.length < MAX_EXAMPLES && !field.examples.includes(s.example)) field.examples.push(s.example);
    changed.push(s.id);
  }
  return changed;
}

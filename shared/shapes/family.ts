import { hasCaseless } from '../caseless';
import { parseVersion } from '../changes/versions';

/**
 * What a version line belongs to. Maximizer versions each event shape on its own:
 * an Opportunity stage change (1.0, 1.1) arrives as Entity=Opportunity, Op=update beside
 * plain updates at 0.1 (CONTRACT §5–6), so a shape is Entity × Op × kind, and a new major
 * is judged within that line only.
 */
export type ShapeKind = 'record' | 'stage change';

export interface ShapeFamily {
  /** Lower-cased: `lead` and `Lead` are one entity. */
  entityKey: string;
  /** Lower-cased; '' when the event carries none. */
  op: string;
  kind: ShapeKind;
}

/**
 * A stage change is told apart by its sales-stage fields (CONTRACT §5 suggests the filter
 * `$EXISTS SalesStageSetupKey`; the guide's example also names the stage).
 */
export function shapeKind(original: unknown, next: unknown): ShapeKind {
  const stage = (r: unknown) => hasCaseless(r, 'SalesStageSetupKey') || hasCaseless(r, 'SalesStageSetupName');
  return stage(original) || stage(next) ? 'stage change' : 'record';
}

export function shapeFamily(entity: string, op: string | null, original: unknown, next: unknown): ShapeFamily {
  return { entityKey: entity.trim().toLowerCase(), op: (op ?? '').trim().toLowerCase(), kind: shapeKind(original, next) };
}

/** The major a shape is learned under; -1 when the version is missing or unparseable. */
export const majorOf = (version: string | null): number => parseVersion(version)?.major ?? -1;

export const familyId = (f: ShapeFamily): string => `${f.entityKey}\u0000${f.op}\u0000${f.kind}`;

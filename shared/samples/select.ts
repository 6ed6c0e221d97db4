import { SAMPLE_KINDS, type SampleKind } from './index';

/** Which Entity/Op each built-in sample is, and the shape that tells samples of one pair apart. */
export const SAMPLE_SHAPES: Record<SampleKind, { entity: string; op: string; shape: string }> = {
  'lead.create': { entity: 'lead', op: 'create', shape: 'record' },
  'lead.update': { entity: 'lead', op: 'update', shape: 'record' },
  'lead.delete': { entity: 'lead', op: 'delete', shape: 'record' },
  'opportunity.create': { entity: 'opportunity', op: 'create', shape: 'record' },
  'opportunity.update': { entity: 'opportunity', op: 'update', shape: 'record' },
  'opportunity.stage': { entity: 'opportunity', op: 'update', shape: 'stage' },
  'opportunity.delete': { entity: 'opportunity', op: 'delete', shape: 'record' },
  'export.opportunities': { entity: 'export', op: 'read', shape: 'opportunities' },
  'export.abentries': { entity: 'export', op: 'read', shape: 'abentries' },
  'guide.batch': { entity: 'opportunity', op: 'update', shape: 'batch' },
};

/**
 * The sample for an Entity/Op (ignoring case), narrowed by `shape` when several fit; without a
 * shape the first listed wins (a plain record change, the opportunities export).
 */
export function findSampleKind(entity: string, op: string, shape?: string): SampleKind | undefined {
  const fits = SAMPLE_KINDS.filter((kind) => {
    const s = SAMPLE_SHAPES[kind];
    return s.entity === entity.toLowerCase() && s.op === op.toLowerCase();
  });
  if (shape) return fits.find((kind) => SAMPLE_SHAPES[kind].shape === shape.toLowerCase());
  return fits[0];
}

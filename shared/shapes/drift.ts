/** The changes a handler author must hear about, judged per shape (Entity × Op × kind × major). */
export const driftKinds = ['new_field', 'new_type', 'missing_field', 'new_major'] as const;
export type DriftKind = (typeof driftKinds)[number];

export interface DriftFinding {
  kind: DriftKind;
  /** The field as this event spelled it (for missing fields: as last seen); null for a new major. */
  path: string | null;
  /** new_field/new_type: the type this event brought. */
  type: string | null;
  /** new_type: the types seen before (`string, null`); new_major: the highest version seen before. */
  previous: string | null;
}

/** One line for the Changes view, notifications and the API: "new field `Mobile` of type string". */
export function describeDrift(d: { kind: DriftKind; path: string | null; type: string | null; previous: string | null }): string {
  switch (d.kind) {
    case 'new_field':
      return `new field \`${d.path}\` of type ${d.type}`;
    case 'new_type':
      return `field \`${d.path}\` arrived as ${d.type} (seen before: ${d.previous})`;
    case 'missing_field':
      return `field \`${d.path}\` is missing (it was in every earlier event of this shape)`;
    case 'new_major':
      return `new major version ${d.type ?? '?'} (highest before: ${d.previous}): breaking changes are possible`;
  }
}

/** A field's presence in words, from its counts: always / sometimes, and which section carries it. */
export function presenceOf(field: { events: number; inOriginal: number; inNew: number }, parentEvents: number) {
  const always = field.events >= parentEvents;
  const sections = field.inOriginal === 0 ? 'only New' : field.inNew === 0 ? 'only Original' : 'Original and New';
  return { always, label: `${always ? 'always' : `sometimes (${field.events}/${parentEvents})`} · ${sections}` };
}

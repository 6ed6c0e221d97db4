import { decodeKey, keyLabel } from '@shared/keys';
import { pathId, walkNodes, type ChangeKind, type ChangeNode, type ChangeTree, type FieldHistory, type JsonType } from '@shared/changes';

/** Fields hidden while untouched ones are collapsed: tops of untouched subtrees (a nested untouched object counts once). */
export function hiddenUntouchedCount(tree: ChangeTree): number {
  let n = 0;
  const visit = (nodes: readonly ChangeNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'untouched') n++;
      else if (node.children) visit(node.children);
    }
  };
  visit(tree.nodes);
  return n;
}

export type Expansion = { base: 'default' | 'all' | 'none'; overrides: ReadonlyMap<string, boolean> };

const openByDefault = (node: ChangeNode) => node.kind === 'changed' || node.kind === 'added';

/** Whether a container shows its children: the user's toggle, else expand/collapse all, else open when something changed inside. */
export function isExpanded(expansion: Expansion, node: ChangeNode): boolean {
  const own = expansion.overrides.get(pathId(node.path));
  if (own !== undefined) return own;
  if (expansion.base === 'all') return true;
  if (expansion.base === 'none') return false;
  return openByDefault(node);
}

/** Short one-line rendering of any JSON value, for collapsed containers and timeline cells. */
export function preview(value: unknown, max = 60): string {
  let text: string;
  const key = decodeKey(value);
  if (value === undefined) text = '';
  // Maximizer keys read as what they name, never as truncated base64.
  else if (key) text = keyLabel(key);
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (Array.isArray(value)) text = value.length === 0 ? '[]' : `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  else if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    text = n === 0 ? '{}' : `{${n} field${n === 1 ? '' : 's'}}`;
  } else text = String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const KIND_LABEL: Record<ChangeKind, string> = {
  changed: 'changed',
  added: 'added',
  removed: 'removed',
  equal: 'same',
  untouched: 'untouched',
  record: '',
};

export const KIND_HELP: Record<ChangeKind, string> = {
  changed: 'Written in New with a different value',
  added: 'Only in New: a field written that Original did not have',
  removed: 'Gone: an array element past the new end, or (when comparing) a field only on the left',
  equal: 'Written in New with the same value as Original',
  untouched: 'Only in Original: not written by this change (New carries written fields only)',
  record: 'Field of the record',
};

/** How many leaves of each kind sit under a node (for a collapsed container's summary). */
export function subtreeCounts(node: ChangeNode): Partial<Record<ChangeKind, number>> {
  const counts: Partial<Record<ChangeKind, number>> = {};
  for (const n of walkNodes(node.children ?? [])) if (!n.children?.length) counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  return counts;
}

export const typeLabel = (type: JsonType | undefined): string => type ?? 'missing';

/**
 * A field worth showing in "only fields that changed": its value differs somewhere along
 * the record's history. A create's fields are all "added" but did not evolve by that alone.
 */
export function evolved(field: FieldHistory): boolean {
  if (field.points.some((p) => p.kind === 'changed' || p.kind === 'removed')) return true;
  const values = new Set(field.points.map((p) => JSON.stringify(p.value ?? null)));
  return values.size > 1;
}

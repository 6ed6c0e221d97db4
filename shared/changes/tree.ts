import type { ChangeNode, ChangeTree, PathSegment } from './types';

/** `Address.City`, `Udf/$TYPEID(57997)[0]`: for labels and tooltips, not for identity. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/** Exact identity of a display path (distinguishes `Key` from `key` when both exist), e.g. for React keys. */
export const pathId = (path: readonly PathSegment[]): string => JSON.stringify(path);

/** Identity of a field across events whose spelling varies (`salesStageSetupName` ≡ `SalesStageSetupName`). */
export const caselessPathId = (path: readonly PathSegment[]): string =>
  JSON.stringify(path.map((segment) => (typeof segment === 'string' ? segment.toLowerCase() : segment)));

/** The node at a path, matching names ignoring case. */
export function findNode(nodes: readonly ChangeNode[], path: readonly PathSegment[]): ChangeNode | undefined {
  let level: readonly ChangeNode[] | undefined = nodes;
  let found: ChangeNode | undefined;
  for (const segment of path) {
    if (!level) return undefined;
    const wanted = typeof segment === 'string' ? segment.toLowerCase() : segment;
    found = level.find((node) => (typeof wanted === 'number' ? node.index === wanted : node.index === undefined && node.name.toLowerCase() === wanted));
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

export interface FlatRow {
  node: ChangeNode;
  depth: number;
  /** Has children that can be shown. */
  expandable: boolean;
  expanded: boolean;
}

export interface FlattenOptions {
  /** Whether a container shows its children; default: changed or added containers are open. */
  isExpanded?: (node: ChangeNode) => boolean;
  /** Which nodes are listed at all (e.g. hide `untouched` until the user opens the toggle). */
  include?: (node: ChangeNode) => boolean;
}

const openByDefault = (node: ChangeNode): boolean => node.kind === 'changed' || node.kind === 'added';

/** Visible rows in display order, for a virtualized list. */
export function flattenTree(nodes: readonly ChangeNode[], options: FlattenOptions = {}): FlatRow[] {
  const isExpanded = options.isExpanded ?? openByDefault;
  const include = options.include ?? (() => true);
  const rows: FlatRow[] = [];
  const visit = (list: readonly ChangeNode[], depth: number): void => {
    for (const node of list) {
      if (!include(node)) continue;
      const expandable = (node.children?.length ?? 0) > 0;
      const expanded = expandable && isExpanded(node);
      rows.push({ node, depth, expandable, expanded });
      if (expanded && node.children) visit(node.children, depth + 1);
    }
  };
  visit(nodes, 0);
  return rows;
}

/** Every node, depth first. */
export function* walkNodes(nodes: readonly ChangeNode[]): Generator<ChangeNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walkNodes(node.children);
  }
}

/** Leaves that differ (changed, added, removed), depth first: the "what happened" list. */
export function changedLeaves(tree: ChangeTree): ChangeNode[] {
  const result: ChangeNode[] = [];
  for (const node of walkNodes(tree.nodes)) {
    const leaf = !node.children || node.children.length === 0;
    if (leaf && (node.kind === 'changed' || node.kind === 'added' || node.kind === 'removed')) result.push(node);
  }
  return result;
}

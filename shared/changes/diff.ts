import { findKey, isObject, type JsonObject } from '../caseless';
import { decodeKey, isUserKey } from '../keys';
import { diffText, type CharBudget, type TextDiffLimits } from './text';
import {
  emptyCounts,
  type ChangeKind,
  type ChangeNode,
  type ChangeTree,
  type DiffOptions,
  type JsonType,
  type KindCounts,
  type PathSegment,
  type RecordKeyInfo,
} from './types';

const DEFAULTS: Required<DiffOptions> = {
  longText: 40,
  maxCharDiffLength: 2000,
  maxCharDiffEdits: 200,
  charDiffBudget: 200_000,
};

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** Strings long or multiline enough that an old → new pair is hard to compare by eye. */
export const isLongText = (value: string, threshold = DEFAULTS.longText): boolean => value.length > threshold || value.includes('\n');

interface Context {
  mode: ChangeTree['mode'];
  /** Kind for a field present only on the before side of an object. */
  beforeOnly: ChangeKind;
  long: number;
  limits: TextDiffLimits;
  budget: CharBudget;
  totals: KindCounts;
}

interface FieldPair {
  name: string;
  originalName?: string;
  newName?: string;
}

/**
 * Pairs the fields of two objects ignoring case: New's fields in New's order (matched to
 * Original by exact spelling first, then by any unused case variant), then Original-only ones.
 */
export function pairFields(before: JsonObject | null, after: JsonObject | null): FieldPair[] {
  const pairs: FieldPair[] = [];
  const beforeKeys = before ? Object.keys(before).filter((k) => before[k] !== undefined) : [];
  const byLower = new Map<string, string[]>();
  for (const key of beforeKeys) {
    const lower = key.toLowerCase();
    const list = byLower.get(lower);
    if (list) list.push(key);
    else byLower.set(lower, [key]);
  }
  const used = new Set<string>();
  if (after) {
    for (const key of Object.keys(after)) {
      if (after[key] === undefined) continue;
      const candidates = byLower.get(key.toLowerCase());
      let match: string | undefined;
      if (candidates) {
        match = candidates.includes(key) && !used.has(key) ? key : candidates.find((c) => !used.has(c));
        if (match !== undefined) used.add(match);
      }
      pairs.push(match === undefined ? { name: key, newName: key } : { name: key, newName: key, originalName: match });
    }
  }
  for (const key of beforeKeys) if (!used.has(key)) pairs.push({ name: key, originalName: key });
  return pairs;
}

function countLeaf(ctx: Context, node: ChangeNode): void {
  if (!node.children || node.children.length === 0) ctx.totals[node.kind]++;
}

function countChildren(children: ChangeNode[]): KindCounts {
  const counts = emptyCounts();
  for (const child of children) counts[child.kind]++;
  return counts;
}

function annotateKey(node: ChangeNode, side: 'beforeKey' | 'afterKey', value: unknown): void {
  if (typeof value !== 'string') return;
  const key = decodeKey(value);
  if (key) node[side] = key;
}

/** A subtree present on one side only: every descendant gets the same kind. */
function oneSided(
  ctx: Context,
  kind: ChangeKind,
  side: 'before' | 'after',
  value: unknown,
  name: string,
  path: PathSegment[],
  names: Pick<ChangeNode, 'originalName' | 'newName' | 'index'>,
): ChangeNode {
  const type = jsonType(value);
  const node: ChangeNode = {
    name,
    path,
    ...names,
    kind,
    hasBefore: side === 'before',
    hasAfter: side === 'after',
    value,
    typeChanged: false,
  };
  if (side === 'before') {
    node.before = value;
    node.beforeType = type;
  } else {
    node.after = value;
    node.afterType = type;
  }
  if (type === 'object') {
    const obj = value as JsonObject;
    const children: ChangeNode[] = [];
    for (const key of Object.keys(obj)) {
      if (obj[key] === undefined) continue;
      const spelled = side === 'before' ? { originalName: key } : { newName: key };
      children.push(oneSided(ctx, kind, side, obj[key], key, [...path, key], spelled));
    }
    node.children = children;
    node.counts = countChildren(children);
  } else if (type === 'array') {
    const children = (value as unknown[]).map((item, i) => oneSided(ctx, kind, side, item, String(i), [...path, i], { index: i }));
    node.children = children;
    node.counts = countChildren(children);
  } else {
    annotateKey(node, side === 'before' ? 'beforeKey' : 'afterKey', value);
  }
  countLeaf(ctx, node);
  return node;
}

/** A written container is changed when anything inside differs; untouched children alone keep it equal. */
const containerKind = (counts: KindCounts): ChangeKind => (counts.changed + counts.added + counts.removed > 0 ? 'changed' : 'equal');

/** Both sides present. */
function twoSided(
  ctx: Context,
  before: unknown,
  after: unknown,
  name: string,
  path: PathSegment[],
  names: Pick<ChangeNode, 'originalName' | 'newName' | 'index'>,
): ChangeNode {
  const beforeType = jsonType(before);
  const afterType = jsonType(after);
  const node: ChangeNode = {
    name,
    path,
    ...names,
    kind: 'equal',
    hasBefore: true,
    before,
    beforeType,
    hasAfter: true,
    after,
    afterType,
    value: after,
    typeChanged: beforeType !== afterType,
  };
  if (node.typeChanged) {
    node.kind = 'changed';
    annotateKey(node, 'beforeKey', before);
    annotateKey(node, 'afterKey', after);
  } else if (beforeType === 'object') {
    const children = diffObjects(ctx, before as JsonObject, after as JsonObject, path);
    node.children = children;
    node.counts = countChildren(children);
    node.kind = containerKind(node.counts);
  } else if (beforeType === 'array') {
    const children = diffArrays(ctx, before as unknown[], after as unknown[], path);
    node.children = children;
    node.counts = countChildren(children);
    node.kind = containerKind(node.counts);
  } else if (before !== after) {
    annotateKey(node, 'beforeKey', before);
    annotateKey(node, 'afterKey', after);
    const sameUser =
      node.beforeKey &&
      node.afterKey &&
      isUserKey(node.beforeKey) &&
      isUserKey(node.afterKey) &&
      node.beforeKey.id.toLowerCase() === node.afterKey.id.toLowerCase() &&
      node.beforeKey.number === node.afterKey.number;
    if (sameUser) {
      node.sameUserKey = true;
    } else {
      node.kind = 'changed';
      // A Maximizer key is shown decoded (Type, Id), never as a character diff of its base64.
      const isKey = !!(node.beforeKey || node.afterKey);
      if (!isKey && typeof before === 'string' && typeof after === 'string' && (isLongText(before, ctx.long) || isLongText(after, ctx.long)))
        node.textDiff = diffText(before, after, ctx.limits, ctx.budget);
    }
  } else {
    annotateKey(node, 'afterKey', after);
    if (node.afterKey) node.beforeKey = node.afterKey;
  }
  countLeaf(ctx, node);
  return node;
}

function diffObjects(ctx: Context, before: JsonObject | null, after: JsonObject | null, path: PathSegment[]): ChangeNode[] {
  return pairFields(before, after).map((pair) => {
    const names: Pick<ChangeNode, 'originalName' | 'newName'> = {};
    if (pair.originalName !== undefined) names.originalName = pair.originalName;
    if (pair.newName !== undefined) names.newName = pair.newName;
    const childPath = [...path, pair.name];
    if (pair.originalName !== undefined && pair.newName !== undefined)
      return twoSided(ctx, before?.[pair.originalName], after?.[pair.newName], pair.name, childPath, names);
    if (pair.newName !== undefined) return oneSided(ctx, 'added', 'after', after?.[pair.newName], pair.name, childPath, names);
    return oneSided(ctx, ctx.beforeOnly, 'before', before?.[pair.originalName as string], pair.name, childPath, names);
  });
}

/** Arrays are written whole, so elements past the new end were removed (not untouched). */
function diffArrays(ctx: Context, before: unknown[], after: unknown[], path: PathSegment[]): ChangeNode[] {
  const children: ChangeNode[] = [];
  const length = Math.max(before.length, after.length);
  for (let i = 0; i < length; i++) {
    const name = String(i);
    const childPath = [...path, i];
    if (i < before.length && i < after.length) children.push(twoSided(ctx, before[i], after[i], name, childPath, { index: i }));
    else if (i < after.length) children.push(oneSided(ctx, 'added', 'after', after[i], name, childPath, { index: i }));
    else children.push(oneSided(ctx, 'removed', 'before', before[i], name, childPath, { index: i }));
  }
  return children;
}

function makeContext(mode: ChangeTree['mode'], options: DiffOptions): Context {
  const opts = { ...DEFAULTS, ...options };
  return {
    mode,
    beforeOnly: mode === 'compare' ? 'removed' : mode === 'record' ? 'record' : 'untouched',
    long: opts.longText,
    limits: { maxLength: opts.maxCharDiffLength, maxEdits: opts.maxCharDiffEdits },
    budget: { remaining: opts.charDiffBudget },
    totals: emptyCounts(),
  };
}

const ROOT_NAME = '(value)';

/** Top-level nodes for two roots that are normally objects; anything else becomes one pseudo-field. */
function diffRoots(ctx: Context, before: unknown, after: unknown, notes: string[]): ChangeNode[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  const objBefore = hasBefore && isObject(before);
  const objAfter = hasAfter && isObject(after);
  if ((objBefore || !hasBefore) && (objAfter || !hasAfter)) return diffObjects(ctx, objBefore ? before : null, objAfter ? after : null, []);
  notes.push('Payload data is not a JSON object; it is shown as a single value.');
  if (hasBefore && hasAfter) return [twoSided(ctx, before, after, ROOT_NAME, [ROOT_NAME], {})];
  if (hasAfter) return [oneSided(ctx, 'added', 'after', after, ROOT_NAME, [ROOT_NAME], {})];
  return [oneSided(ctx, ctx.beforeOnly, 'before', before, ROOT_NAME, [ROOT_NAME], {})];
}

function recordKeyOf(original: unknown, next: unknown): RecordKeyInfo | null {
  for (const [from, record] of [
    ['new', next],
    ['original', original],
  ] as const) {
    if (!isObject(record)) continue;
    const field = findKey(record, 'Key');
    const raw = field === undefined ? undefined : record[field];
    if (typeof raw === 'string' && raw) return { raw, decoded: decodeKey(raw), from };
  }
  return null;
}

export interface EventData {
  op: string | null | undefined;
  original: unknown;
  new: unknown;
}

/** Ops whose payload is the record itself rather than a change (CONTRACT §5: New is null for them). */
const RECORD_OPS = new Set(['delete', 'read']);

/**
 * Classifies every field of one Maximizer event (Data.Op / Original / New) with Maximizer
 * semantics: New carries only written fields, so a field missing from New is untouched.
 * Field names match ignoring case and are shown in New's spelling.
 */
export function diffEvent(event: EventData, options: DiffOptions = {}): ChangeTree {
  const op = typeof event.op === 'string' && event.op ? event.op.toLowerCase() : null;
  const original = event.original ?? null;
  const next = event.new ?? null;
  const notes: string[] = [];
  const recordKey = recordKeyOf(original, next);

  if (op !== null && RECORD_OPS.has(op)) {
    const ctx = makeContext('record', options);
    if (original !== null) {
      if (next !== null) notes.push(`New is not expected for ${op}; only Original is shown.`);
      return finish(ctx, op, diffRoots(ctx, original, null, notes), recordKey, notes);
    }
    notes.push(next === null ? `No data: Original and New are both empty for ${op}.` : `Original is missing for ${op}; New is shown as the record.`);
    const nodes = diffRoots(ctx, null, next, notes);
    // A record has no before/after story: taken from New, its fields are still `record`, not `added`.
    relabel(nodes, 'record', ctx);
    return finish(ctx, op, nodes, recordKey, notes);
  }

  const ctx = makeContext('diff', options);
  if (op === 'update' && next === null) notes.push('New is null: nothing was written, every field is untouched.');
  if (op === 'update' && original === null) notes.push('Original is missing: every written field is shown as added.');
  if (op === 'create' && original !== null) notes.push('Original is not expected for create; it is compared anyway.');
  if (op === null) notes.push('Op is missing; Original and New are compared as an update.');
  return finish(ctx, op, diffRoots(ctx, original, next, notes), recordKey, notes);
}

function relabel(nodes: ChangeNode[], kind: ChangeKind, ctx: Context): void {
  for (const node of nodes) {
    if (!node.children || node.children.length === 0) {
      ctx.totals[node.kind]--;
      ctx.totals[kind]++;
    }
    node.kind = kind;
    if (node.children) {
      relabel(node.children, kind, ctx);
      node.counts = countChildren(node.children);
    }
  }
}

function finish(ctx: Context, op: string | null, nodes: ChangeNode[], recordKey: RecordKeyInfo | null, notes: string[]): ChangeTree {
  return { mode: ctx.mode, op, nodes, counts: countChildren(nodes), totals: ctx.totals, recordKey, notes };
}

/**
 * Plain structural diff of two full records or payloads (side-by-side comparison): absence
 * means absence here, so a left-only field is `removed` and a right-only one `added`.
 * Names still match ignoring case.
 */
export function compareValues(left: unknown, right: unknown, options: DiffOptions = {}): ChangeTree {
  const ctx = makeContext('compare', options);
  const notes: string[] = [];
  const nodes = diffRoots(ctx, left, right, notes);
  return finish(ctx, null, nodes, recordKeyOf(left, right), notes);
}

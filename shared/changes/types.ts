import type { DecodedKey } from '../keys';

/**
 * How one field of a Maximizer event is classified (docs/changes.md):
 * - `changed`   written in New with a value different from Original
 * - `equal`     written in New with the same value as Original
 * - `added`     only in New (every field of a create)
 * - `untouched` only in Original: New carries written fields only, so absence is not removal
 * - `removed`   gone for real: an array element past the end of the written array, or,
 *               when comparing two records, a field only on the left
 * - `record`    a field of a delete/read event, shown as the record itself
 */
export type ChangeKind = 'changed' | 'equal' | 'added' | 'untouched' | 'removed' | 'record';

export const CHANGE_KINDS: readonly ChangeKind[] = ['changed', 'added', 'removed', 'equal', 'untouched', 'record'];

export type KindCounts = Record<ChangeKind, number>;

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** Field name (as displayed) or array index. */
export type PathSegment = string | number;

export interface TextSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Inline diff of a changed long or multiline string; the segments rebuild both texts exactly.
 * - `chars`: character-level diff (short equal runs between edits folded into the edit)
 * - `lines`: a large multiline middle diffed by line, each replaced block refined by character when small
 * - `trimmed`: common prefix and suffix, the differing middle as one delete plus one insert, because
 *   the middle was too large (single-line) or too costly to diff, or the event's character budget was spent
 * A middle that shares little with the other side is shown as one replacement in every mode.
 */
export interface TextDiff {
  mode: 'chars' | 'lines' | 'trimmed';
  segments: TextSegment[];
}

export interface ChangeNode {
  /** Display name: the New spelling when the field is in New, else the Original one; array items: their index. */
  name: string;
  /** Display path from the record root (`['Address', 'City']`, `['Udf/$TYPEID(57997)', 0]`). */
  path: PathSegment[];
  /** Set for array elements. */
  index?: number;
  /** Spelling in Original (or the left side of a comparison), when present there. */
  originalName?: string;
  /** Spelling in New (or the right side), when present there. */
  newName?: string;
  kind: ChangeKind;
  hasBefore: boolean;
  /** Original value (left side when comparing); undefined when !hasBefore. */
  before?: unknown;
  hasAfter: boolean;
  /** New value (right side when comparing); undefined when !hasAfter. */
  after?: unknown;
  /** The value to show as current: `after` when present, else `before`. */
  value: unknown;
  beforeType?: JsonType;
  afterType?: JsonType;
  /** Both sides present with different JSON types (number → string, object → null, …). */
  typeChanged: boolean;
  /** Present for objects and arrays that are not type changes, in display order. */
  children?: ChangeNode[];
  /** Kinds of the direct children. */
  counts?: KindCounts;
  /** For changed long/multiline strings. */
  textDiff?: TextDiff;
  /** Decoding of `before` / `after` when they are Maximizer keys. */
  beforeKey?: DecodedKey;
  afterKey?: DecodedKey;
  /** Both values are user keys naming the same user in different case; classified `equal`. */
  sameUserKey?: boolean;
}

export interface RecordKeyInfo {
  raw: string;
  decoded: DecodedKey | null;
  from: 'new' | 'original';
}

export interface ChangeTree {
  /** `diff`: Original → New with Maximizer semantics; `record`: delete/read; `compare`: two full records. */
  mode: 'diff' | 'record' | 'compare';
  /** Lowercased op, null when missing. */
  op: string | null;
  /** Top-level fields: New's order first, then Original-only fields in Original's order. */
  nodes: ChangeNode[];
  /** Kinds of the top-level fields (for "12 untouched"). */
  counts: KindCounts;
  /** Kinds of every leaf at any depth. */
  totals: KindCounts;
  /** The record's `Key` from New, else Original (v1.0 stage changes carry it only in Original). */
  recordKey: RecordKeyInfo | null;
  /** Human-readable remarks about the payload's shape (e.g. "New is null: nothing was written"). */
  notes: string[];
}

export interface DiffOptions {
  /** Strings longer than this (or multiline) get a character diff when changed. Default 40. */
  longText?: number;
  /** Max characters per side, after trimming the common prefix/suffix, handed to diffChars. Default 2000. */
  maxCharDiffLength?: number;
  /** Max edit distance diffChars may explore before falling back to `trimmed`. Default 200. */
  maxCharDiffEdits?: number;
  /** Max characters diffed with diffChars over a whole event; beyond it strings use `trimmed`. Default 200000. */
  charDiffBudget?: number;
}

export const emptyCounts = (): KindCounts => ({ changed: 0, equal: 0, added: 0, untouched: 0, removed: 0, record: 0 });

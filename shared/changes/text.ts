import { diffChars, diffLines } from 'diff';
import type { TextDiff, TextSegment } from './types';

export interface TextDiffLimits {
  /** Max characters per side of the differing middle handed to diffChars. */
  maxLength: number;
  /** Max edit distance diffChars explores (its cost grows with length × edits). */
  maxEdits: number;
}

/** Characters diffChars may still process in this event; shared across fields so one payload stays bounded. */
export interface CharBudget {
  remaining: number;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Comparing blocks as substrings lets V8 compare memory instead of looping per character (~10× on 1 MB). */
const BLOCK = 256;

/** Length of the common prefix, never splitting a surrogate pair. */
export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.substring(i, i + BLOCK) === b.substring(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i > 0 && i < max && isHighSurrogate(a.charCodeAt(i - 1))) i--;
  return i;
}

/** Length of the common suffix that does not overlap `prefix`, never splitting a surrogate pair. */
export function commonSuffixLength(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i + BLOCK <= max && a.substring(a.length - i - BLOCK, a.length - i) === b.substring(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  if (i > 0 && isLowSurrogate(a.charCodeAt(a.length - i))) i--;
  return i;
}

/** A fine-grained diff whose middle shares less than this share of characters reads as noise. */
const MIN_COMMON_RATIO = 0.3;
/** Equal runs this short between two edits are folded into the edit, so words change as words. */
const MAX_BRIDGE = 3;

function push(segments: TextSegment[], op: TextSegment['op'], text: string): void {
  if (!text) return;
  const last = segments[segments.length - 1];
  if (last && last.op === op) last.text += text;
  else segments.push({ op, text });
}

/**
 * Merges each run of edits (with the short equal bridges inside it) into one delete plus one
 * insert: `s|i|m→t` reads worse than `sim→it`. Both sides of the text are preserved.
 */
function coalesce(segments: readonly TextSegment[]): TextSegment[] {
  const result: TextSegment[] = [];
  let removed = '';
  let inserted = '';
  const flush = (): void => {
    push(result, 'delete', removed);
    push(result, 'insert', inserted);
    removed = '';
    inserted = '';
  };
  segments.forEach((segment, i) => {
    if (segment.op === 'delete') removed += segment.text;
    else if (segment.op === 'insert') inserted += segment.text;
    else {
      const inRun = removed !== '' || inserted !== '';
      const next = segments[i + 1];
      if (inRun && next && next.op !== 'equal' && segment.text.length <= MAX_BRIDGE) {
        removed += segment.text;
        inserted += segment.text;
      } else {
        flush();
        push(result, 'equal', segment.text);
      }
    }
  });
  flush();
  return result;
}

interface Middle {
  segments: TextSegment[];
  common: number;
}

/** diffChars of a bounded middle, or null when it is too big, too costly, or the budget is spent. */
function charMiddle(oldMiddle: string, newMiddle: string, limits: TextDiffLimits, budget: CharBudget): Middle | null {
  const size = oldMiddle.length + newMiddle.length;
  if (oldMiddle.length > limits.maxLength || newMiddle.length > limits.maxLength || size > budget.remaining) return null;
  budget.remaining -= size;
  const changes = diffChars(oldMiddle, newMiddle, { maxEditLength: limits.maxEdits });
  if (!changes) return null;
  const segments: TextSegment[] = [];
  let common = 0;
  for (const change of changes) {
    if (!change.added && !change.removed) common += change.value.length;
    push(segments, change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value);
  }
  return { segments, common };
}

/**
 * Large multiline middles (a long note edited in several places) are diffed by line first;
 * each replaced block of lines is then refined by character when small enough.
 */
function lineMiddle(oldMiddle: string, newMiddle: string, limits: TextDiffLimits, budget: CharBudget): Middle | null {
  if (!oldMiddle.includes('\n') && !newMiddle.includes('\n')) return null;
  const lines = diffLines(oldMiddle, newMiddle, { maxEditLength: limits.maxEdits });
  if (!lines) return null;
  const segments: TextSegment[] = [];
  let common = 0;
  let removed = '';
  let inserted = '';
  const flush = (): void => {
    const refined = removed && inserted ? charMiddle(removed, inserted, limits, budget) : null;
    if (refined && refined.common >= MIN_COMMON_RATIO * Math.max(removed.length, inserted.length)) {
      for (const segment of refined.segments) push(segments, segment.op, segment.text);
      common += refined.common;
    } else {
      push(segments, 'delete', removed);
      push(segments, 'insert', inserted);
    }
    removed = '';
    inserted = '';
  };
  for (const change of lines) {
    if (change.removed) removed += change.value;
    else if (change.added) inserted += change.value;
    else {
      flush();
      push(segments, 'equal', change.value);
      common += change.value.length;
    }
  }
  flush();
  return { segments, common };
}

/**
 * Inline diff of two strings. The common prefix and suffix are cut first (cheap even at 1 MB);
 * only a bounded middle goes through diffChars (or, for large multiline text, diffLines then
 * diffChars per replaced block). When the middle is too long, too different, or the event's
 * budget is spent, it is shown as one delete plus one insert (`trimmed`).
 */
export function diffText(before: string, after: string, limits: TextDiffLimits, budget: CharBudget): TextDiff {
  const prefix = commonPrefixLength(before, after);
  const suffix = commonSuffixLength(before, after, prefix);
  const oldMiddle = before.slice(prefix, before.length - suffix);
  const newMiddle = after.slice(prefix, after.length - suffix);

  const build = (mode: TextDiff['mode'], middle: readonly TextSegment[]): TextDiff => {
    const segments: TextSegment[] = [];
    push(segments, 'equal', before.slice(0, prefix));
    for (const segment of coalesce(middle)) push(segments, segment.op, segment.text);
    push(segments, 'equal', before.slice(before.length - suffix));
    return { mode, segments };
  };
  const whole: TextSegment[] = [
    { op: 'delete', text: oldMiddle },
    { op: 'insert', text: newMiddle },
  ];

  // A pure insertion or deletion is already exact.
  if (!oldMiddle || !newMiddle) return build('chars', whole);
  const large = oldMiddle.length > limits.maxLength || newMiddle.length > limits.maxLength;
  const middle = large ? lineMiddle(oldMiddle, newMiddle, limits, budget) : charMiddle(oldMiddle, newMiddle, limits, budget);
  if (!middle) return build('trimmed', whole);
  const mode = large ? 'lines' : 'chars';
  // Mostly different middles read best as a plain replacement; that is still the exact diff.
  if (middle.common < MIN_COMMON_RATIO * Math.max(oldMiddle.length, newMiddle.length)) return build(mode, whole);
  return build(mode, middle.segments);
}

/** The two texts a diff came from, for checks and copy buttons. */
export function textSides(diff: TextDiff): { before: string; after: string } {
  let before = '';
  let after = '';
  for (const segment of diff.segments) {
    if (segment.op !== 'insert') before += segment.text;
    if (segment.op !== 'delete') after += segment.text;
  }
  return { before, after };
}

import { findKey, isObject, type JsonObject } from '../caseless';
import { keyIdentity } from '../keys';
import { compareValues, diffEvent, jsonType, type EventData } from './diff';
import { caselessPathId, formatPath } from './tree';
import type { ChangeKind, ChangeNode, ChangeTree, DiffOptions, PathSegment } from './types';
import { setOwn } from '../json-bounds';

export interface TimelineEvent extends EventData {
  timestamp?: string | null;
}

const TIMESTAMP = /^(.*T\d{2}:\d{2}:\d{2})(?:[.,](\d+))?(.*)$/;

/**
 * Orders ISO-8601 timestamps by instant, keeping Maximizer's 7 fractional digits
 * (Date keeps only 3) and mixing `…12Z` with `…12.5Z` correctly, which string order does not.
 * Missing or unparseable timestamps sort after every valid one.
 */
export function compareTimestamps(a: string | null | undefined, b: string | null | undefined): number {
  const left = timestampKey(a);
  const right = timestampKey(b);
  if (!left || !right) return (left ? 0 : 1) - (right ? 0 : 1);
  return left.seconds - right.seconds || (left.fraction < right.fraction ? -1 : left.fraction > right.fraction ? 1 : 0);
}

function timestampKey(value: string | null | undefined): { seconds: number; fraction: string } | null {
  const match = value ? TIMESTAMP.exec(value.trim()) : null;
  if (!match) return null;
  const seconds = Date.parse(`${match[1]}${match[3] ?? ''}`);
  if (Number.isNaN(seconds)) return null;
  return { seconds, fraction: (match[2] ?? '').padEnd(9, '0').slice(0, 9) };
}

/** Stable sort by timestamp: events with equal or missing timestamps keep their given order. */
export function sortByTimestamp<E extends { timestamp?: string | null }>(events: readonly E[]): E[] {
  return events
    .map((event, i) => ({ event, i }))
    .sort((x, y) => compareTimestamps(x.event.timestamp, y.event.timestamp) || x.i - y.i)
    .map(({ event }) => event);
}

/** The record's key: New's `Key`, else Original's (any spelling). */
export function eventRecordKey(event: Pick<EventData, 'original' | 'new'>): string | null {
  for (const record of [event.new, event.original]) {
    if (!isObject(record)) continue;
    const field = findKey(record, 'Key');
    const value = field === undefined ? undefined : record[field];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** Identity of the event's record for grouping (decoded-key equality; user Ids ignore case). */
export const recordIdentity = (event: Pick<EventData, 'original' | 'new'>): string | null => keyIdentity(eventRecordKey(event));

/** The events of one record, ordered by timestamp. */
export function eventsOfRecord<E extends TimelineEvent>(events: readonly E[], recordKey: string): E[] {
  const wanted = keyIdentity(recordKey);
  if (wanted === null) return [];
  return sortByTimestamp(events.filter((event) => recordIdentity(event) === wanted));
}

export interface FieldPoint {
  /** Index into RecordTimeline.events (sorted order). */
  eventIndex: number;
  op: string | null;
  kind: ChangeKind;
  /** The field's value as this event shows it (New when written, else Original). */
  value: unknown;
  /** Original's value, when this event carried one. */
  hasBefore: boolean;
  before?: unknown;
}

export interface FieldHistory {
  /** Caseless path identity (`["address","city"]`). */
  id: string;
  /** Display path in the most recent spelling. */
  path: PathSegment[];
  label: string;
  /** One point per event that mentions the field, in event order. */
  points: FieldPoint[];
  /** Points where the value was written differently (changed or added). */
  changeCount: number;
}

export interface RecordTimeline<E extends TimelineEvent> {
  /** Events ordered by timestamp. */
  events: E[];
  /** diffEvent of each event, same order. */
  trees: ChangeTree[];
  /** Every leaf field (nested objects flattened, arrays kept whole), in order of first appearance. */
  fields: FieldHistory[];
}

/** Leaves for the timeline: objects open into their fields; arrays and scalars are values. */
function* timelineLeaves(nodes: readonly ChangeNode[]): Generator<ChangeNode> {
  for (const node of nodes) {
    if (node.children && !node.typeChanged && jsonType(node.value) === 'object' && node.children.length > 0) yield* timelineLeaves(node.children);
    else yield node;
  }
}

/** How each field of one record evolved across its events (pass the events of one record; they are sorted here). */
export function buildTimeline<E extends TimelineEvent>(events: readonly E[], options: DiffOptions = {}): RecordTimeline<E> {
  const sorted = sortByTimestamp(events);
  const trees = sorted.map((event) => diffEvent(event, options));
  const fields = new Map<string, FieldHistory>();
  trees.forEach((tree, eventIndex) => {
    for (const node of timelineLeaves(tree.nodes)) {
      const id = caselessPathId(node.path);
      let history = fields.get(id);
      if (!history) {
        history = { id, path: node.path, label: formatPath(node.path), points: [], changeCount: 0 };
        fields.set(id, history);
      }
      history.path = node.path;
      history.label = formatPath(node.path);
      const point: FieldPoint = { eventIndex, op: tree.op, kind: node.kind, value: node.value, hasBefore: node.hasBefore };
      if (node.hasBefore) point.before = node.before;
      history.points.push(point);
      if (node.kind === 'changed' || node.kind === 'added') history.changeCount++;
    }
  });
  return { events: sorted, trees, fields: [...fields.values()] };
}

/** Original overlaid with New, ignoring case; nested objects merge (New is partial), arrays are replaced. */
function overlay(base: JsonObject, written: JsonObject): JsonObject {
  const result: JsonObject = {};
  const taken = new Set<string>();
  for (const key of Object.keys(base)) {
    const writtenKey = findKey(written, key);
    if (writtenKey === undefined || taken.has(writtenKey)) {
      setOwn(result, key, base[key]);
      continue;
    }
    taken.add(writtenKey);
    const before = base[key];
    const after = written[writtenKey];
    setOwn(result, writtenKey, isObject(before) && isObject(after) ? overlay(before, after) : after);
  }
  for (const key of Object.keys(written)) if (!taken.has(key)) setOwn(result, key, written[key]);
  return result;
}

/**
 * The record as known right after the event: Original with New's written fields applied
 * (create: New; delete/read: Original as it was). Null when the event carries no object.
 */
export function recordState(event: EventData): JsonObject | null {
  const original = isObject(event.original) ? event.original : null;
  const next = isObject(event.new) ? event.new : null;
  if (original && next) return overlay(original, next);
  return next ?? original;
}

/** Side-by-side comparison of two events of a record: the record state after each. */
export function compareEvents(left: EventData, right: EventData, options: DiffOptions = {}): ChangeTree {
  return compareValues(recordState(left), recordState(right), options);
}

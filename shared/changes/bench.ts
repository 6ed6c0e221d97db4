import type { JsonObject } from '../caseless';
import { encodeKey } from '../keys';
import { seededRandom as random } from '../random';
import { diffEvent, type EventData } from './diff';
import type { ChangeTree } from './types';

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

function prose(rand: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    text += WORDS[Math.floor(rand() * WORDS.length)] ?? 'x';
    text += rand() < 0.05 ? '\n' : ' ';
  }
  return text.slice(0, length);
}

/** A few small edits in the middle of a text, as a user editing a note would make. */
function edit(rand: () => number, text: string, edits: number): string {
  let result = text;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(result.length * (0.3 + rand() * 0.4));
    result = `${result.slice(0, at)}${WORDS[Math.floor(rand() * WORDS.length)] ?? ''}${result.slice(at + 3)}`;
  }
  return result;
}

/**
 * An update event of roughly `targetBytes` of JSON: many groups of fields (short strings,
 * numbers, user keys, nested addresses, UDF arrays, long multiline notes, some spelled in
 * another case in New, some type changes) plus two very long strings edited in the middle.
 * About 60% of the fields are written in New, half of those with a new value.
 */
export function buildBenchEvent(targetBytes = 1_048_576, seed = 1): EventData {
  const rand = random(seed);
  const original: JsonObject = { Key: encodeKey('Lead', 'BENCH000000000001LE') };
  const next: JsonObject = { Key: original.Key };
  const huge = prose(rand, Math.floor(targetBytes * 0.12));
  original.Description = huge;
  next.Description = edit(rand, huge, 3);
  original.History = huge.split('').reverse().join('');
  let size = huge.length * 3;
  for (let i = 0; size < targetBytes; i++) {
    const written = rand() < 0.6;
    const changes = written && rand() < 0.5;
    const group: JsonObject = {
      [`Name${i}`]: `Name ${i} ${prose(rand, 12)}`,
      [`Amount${i}`]: Math.round(rand() * 100000) / 100,
      [`Owner${i}`]: encodeKey('User', i % 2 ? 'MASTER' : 'SALES', null),
      [`Address${i}`]: { AddressLine1: prose(rand, 24), City: `City ${i}`, ZipCode: String(10000 + i), Country: 'Canada' },
      [`Udf/$TYPEID(${50000 + i})`]: [String(i % 7), String(i % 5)],
      [`Notes${i}`]: prose(rand, 1200),
    };
    Object.assign(original, group);
    size += JSON.stringify(group).length;
    if (!written) continue;
    const notes = group[`Notes${i}`] as string;
    const address = group[`Address${i}`] as JsonObject;
    const writes: JsonObject = {
      [i % 3 === 0 ? `name${i}` : `Name${i}`]: changes ? `Renamed ${i}` : group[`Name${i}`],
      [`Amount${i}`]: changes ? (i % 50 === 0 ? String(group[`Amount${i}`]) : (group[`Amount${i}`] as number) + 1) : group[`Amount${i}`],
      [`Address${i}`]: changes ? { City: `New City ${i}` } : { City: address.City },
      [`Udf/$TYPEID(${50000 + i})`]: changes ? [String(i % 7)] : group[`Udf/$TYPEID(${50000 + i})`],
      [`Notes${i}`]: changes ? edit(rand, notes, 2) : notes,
    };
    Object.assign(next, writes);
    size += JSON.stringify(writes).length;
  }
  // Round-trip through JSON so strings are flat, as they are when parsed from a received body.
  return JSON.parse(JSON.stringify({ op: 'update', original, new: next })) as EventData;
}

export interface DiffBenchResult {
  /** Median time of one diffEvent, in milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** JSON size of Original + New. */
  payloadBytes: number;
  /** Top-level fields classified. */
  fields: number;
}

export interface DiffBenchOptions {
  targetBytes?: number;
  runs?: number;
  warmup?: number;
  /** Injectable clock (milliseconds). */
  now?: () => number;
}

export function runDiffBench(options: DiffBenchOptions = {}): DiffBenchResult {
  const { targetBytes = 1_048_576, runs = 9, warmup = 3, now = () => performance.now() } = options;
  const event = buildBenchEvent(targetBytes);
  const payloadBytes = JSON.stringify({ Original: event.original, New: event.new }).length;
  let tree: ChangeTree | null = null;
  for (let i = 0; i < warmup; i++) tree = diffEvent(event);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    tree = diffEvent(event);
    times.push(now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? (times[(times.length - 1) / 2] ?? 0) : ((times[times.length / 2 - 1] ?? 0) + (times[times.length / 2] ?? 0)) / 2;
  return {
    medianMs: median,
    minMs: times[0] ?? 0,
    maxMs: times[times.length - 1] ?? 0,
    runs,
    payloadBytes,
    fields: tree?.nodes.length ?? 0,
  };
}

/** Median milliseconds to diff a ~1 MB update event (target: under 50 ms). For `npm run bench`. */
export function benchDiff(options: DiffBenchOptions = {}): number {
  return runDiffBench(options).medianMs;
}

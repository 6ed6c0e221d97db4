import { findKey, getCaseless, isObject, type JsonObject } from './caseless';

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/**
 * The source text of the JSON number at `path` (property names matched ignoring case, as getCaseless
 * reads them) in `text`, or null when there is no number there or the text does not parse.
 *
 * JSON.parse turns `1.10` into 1.1, and for a Maximizer Version 1.10 is minor 10, not 1. The spelling is
 * recovered by parsing the text again with a reviver that sees each primitive's source text (JSON.parse
 * source text access, Node 21+ and Chromium 114+), keyed by the object that holds it, so a same-named
 * field elsewhere (a record's `Version` inside Original or New) never stands in for it, whatever the
 * key order. A second parse costs time, so callers ask only when the parsed value is a number.
 */
export function numberSourceAt(text: string, path: readonly [string, ...string[]]): string | null {
  const last = path[path.length - 1]!.toLowerCase();
  const sources = new WeakMap<object, Map<string, string>>();
  let root: unknown;
  try {
    const reviver: SourceReviver = function (key, value, context) {
      if (typeof value === 'number' && context?.source !== undefined && isObject(this) && key.toLowerCase() === last) {
        let found = sources.get(this);
        if (!found) sources.set(this, (found = new Map()));
        found.set(key, context.source);
      }
      return value;
    };
    root = (JSON.parse as (text: string, reviver: SourceReviver) => unknown)(text, reviver);
  } catch {
    return null;
  }
  let holder: unknown = root;
  for (const name of path.slice(0, -1)) holder = getCaseless(holder, name);
  if (!isObject(holder)) return null;
  const key = findKey(holder, path[path.length - 1]!);
  return key === undefined ? null : (sources.get(holder as JsonObject)?.get(key) ?? null);
}

type RawJson = (text: string) => unknown;

/** A number written with exactly this spelling by JSON.stringify (`1.10` stays `1.10`), via JSON.rawJSON. */
export const rawJsonNumber = (spelling: string): unknown => (JSON as unknown as { rawJSON: RawJson }).rawJSON(spelling);

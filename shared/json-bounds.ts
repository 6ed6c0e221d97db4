import { countText } from './count-text';
/**
 * How much of a JSON document the app will work on. Everything that walks a payload (the diff,
 * shapes, the field index, JSON.stringify itself) recurses or costs time per value, so a body
 * that nests deeper or holds more values than any real webhook is stored and listed, but not
 * walked: a 20,000-deep `New` would throw RangeError, and 600,000 keys would hold the receiver's
 * thread for seconds.
 */
export interface JsonBounds {
  /** Arrays/objects inside one another. */
  maxDepth: number;
  /** Values (members and elements) in all. */
  maxValues: number;
}

/** Deeper than any real payload, the contract's or Maximizer's. */
export const MAX_JSON_DEPTH = 64;

/** What the indexer parses and walks of one webhook body; a Maximizer event has tens to a few hundred values. */
export const INDEX_BOUNDS: JsonBounds = { maxDepth: MAX_JSON_DEPTH, maxValues: 20_000 };

/** Bodies larger than this are stored and listed but not parsed nor full-text indexed (a real webhook is a few KB). */
export const MAX_INDEXED_BYTES = 1024 * 1024;

const plural = (n: number, word: string) => `${countText(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why JSON text breaks `bounds`, or null when it does not: one pass over the characters, no
 * parse, stopping at the first bound broken. Values are counted as separators and openings, an
 * upper bound of the members and elements (malformed text is JSON.parse's to report).
 */
export function jsonTextOverBounds(text: string, bounds: JsonBounds): string | null {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > bounds.maxDepth) return `nests deeper than ${bounds.maxDepth} levels`;
      if (++values > bounds.maxValues) return `holds more than ${plural(bounds.maxValues, 'value')}`;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
    else if (c === 44 /* , */ && ++values > bounds.maxValues) return `holds more than ${plural(bounds.maxValues, 'value')}`;
  }
  return null;
}

/** Why a parsed value breaks `bounds`, or null: walked with a stack of its own, never recursion. */
export function jsonValueOverBounds(value: unknown, bounds: JsonBounds): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  let values = 0;
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (++values > bounds.maxValues) return `holds more than ${plural(bounds.maxValues, 'value')}`;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > bounds.maxDepth) return `nests deeper than ${bounds.maxDepth} levels`;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return null;
}

/** Sets an own property, even one named `__proto__`, which assignment would take as the prototype. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** An own property only: `constructor` or `toString` of a payload is never Object.prototype's. */
export const getOwn = <T>(source: Record<string, T>, key: string): T | undefined => (Object.hasOwn(source, key) ? source[key] : undefined);

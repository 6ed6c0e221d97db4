/**
 * Maximizer sends the same field as `Key`, `key` or `KEY` depending on the payload
 * version and style, so every lookup of a Maximizer field ignores case.
 */
export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return key;
  return undefined;
}

export function getCaseless(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** `getCaseless` for many names of one object: the keys are read once (an exact spelling wins). */
export function caselessLookup(obj: unknown): (name: string) => unknown {
  if (!isObject(obj)) return () => undefined;
  const byLower = new Map<string, string>();
  for (const key of Object.keys(obj)) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), key);
  return (name) => {
    const key = Object.hasOwn(obj, name) ? name : byLower.get(name.toLowerCase());
    return key === undefined ? undefined : obj[key];
  };
}

export function hasCaseless(obj: unknown, name: string): boolean {
  return isObject(obj) && findKey(obj, name) !== undefined;
}

/**
 * Renames an object's keys to the given spellings, ignoring case (an exact spelling wins over
 * another casing of it); other keys are PascalCased. As ASP.NET's System.Text.Json reads and
 * often writes Maximizer's DTOs: `targetId`, `TARGETID` and `TargetId` are one property.
 */
export function canonicalKeys(input: unknown, names: readonly string[]): unknown {
  if (!isObject(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === '__proto__') continue;
    const known = names.find((name) => name.toLowerCase() === key.toLowerCase());
    const canonical = known ?? key.charAt(0).toUpperCase() + key.slice(1);
    if (key !== canonical && Object.hasOwn(out, canonical)) continue;
    if (key !== canonical && Object.hasOwn(input, canonical)) continue;
    out[canonical] = value;
  }
  return out;
}

/**
 * Maximizer sends the same field as `Key`, `key` or `KEY` depending on the payload
 * version and style, so every lookup of a Maximizer field ignores case.
 */
export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

export function hasCaseless(obj: unknown, name: string): boolean {
  return isObject(obj) && findKey(obj, name) !== undefined;
}

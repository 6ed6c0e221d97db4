/** A Maximizer key: base64 of `Type⇥Id⇥Number` (or `Type⇥Id`). See CONTRACT.md §5. */
export interface DecodedKey {
  type: string;
  id: string;
  number: string | null;
  text: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64ToText(value: string): string | null {
  if (value.length < 4 || value.length % 4 !== 0 || !BASE64.test(value)) return null;
  try {
    const binary = atob(value);
    // Keys are ASCII; anything else means this was not a key.
    return /^[\x20-\x7e\t]+$/.test(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Real keys are under 100 characters; the cap keeps decoding cheap when called on every string of a large payload. */
const MAX_KEY_LENGTH = 1024;

export function decodeKey(value: unknown): DecodedKey | null {
  if (typeof value !== 'string' || value.length > MAX_KEY_LENGTH) return null;
  const text = base64ToText(value);
  if (!text) return null;
  const parts = text.split('\t');
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !/^[A-Za-z]+$/.test(parts[0])) return null;
  return { type: parts[0], id: parts[1] ?? '', number: parts[2] ?? null, text };
}

/** How every view and the CLI write a decoded key: `Opportunity OPP_DEMO_2 · 0`, never the base64. */
export const keyLabel = (key: DecodedKey): string => `${key.type} ${key.id}${key.number !== null ? ` · ${key.number}` : ''}`;

/** User keys name the same user in different cases (`User⇥MASTER` vs `User⇥Master`), so only their Id ignores case. */
export const isUserKey = (key: DecodedKey): boolean => key.type.toLowerCase() === 'user';

/**
 * A string that is equal for two keys naming the same record: decoded parts compared exactly,
 * except a user's Id, which ignores case. Undecodable values (`"TODO"`) keep their raw text.
 * Null for anything that is not a non-empty string.
 */
export function keyIdentity(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const key = decodeKey(value);
  if (!key) return `raw:${value}`;
  const id = isUserKey(key) ? key.id.toLowerCase() : key.id;
  return `key:${key.type}\t${id}${key.number === null ? '' : `\t${key.number}`}`;
}

/** True when both values are keys of the same record (see keyIdentity). */
export function sameKey(a: unknown, b: unknown): boolean {
  const left = keyIdentity(a);
  return left !== null && left === keyIdentity(b);
}

export function encodeKey(type: string, id: string, number: string | null = '0'): string {
  return btoa(number === null ? `${type}\t${id}` : `${type}\t${id}\t${number}`);
}

import { randomBytes } from 'node:crypto';

/** A source of numbers in [0, 1). Injected so tests and seeded runs repeat exactly. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for plausible fake data (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed that differs per run, so two sandboxes never send the same webhook Ids (receivers deduplicate on Id). */
export const freshSeed = (): number => randomBytes(4).readUInt32LE(0);

export const randomInt = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)] as T;
}

export const digits = (random: Random, count: number): string => Array.from({ length: count }, () => randomInt(random, 0, 9)).join('');

/** An RFC 4122 version 4 UUID drawn from `random`. */
export function uuidFrom(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

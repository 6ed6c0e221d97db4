import { randomBytes } from 'node:crypto';

import { seededRandom, type Random } from '@shared/random';

export { seededRandom, type Random };

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

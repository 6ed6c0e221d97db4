import { TUNNEL_ID_PATTERN } from '@shared/tunnel';

/** Tunnel ids follow the public localtunnel server's rule, so one we accept loca.lt accepts too. */
export const isTunnelId = (value: string): boolean => TUNNEL_ID_PATTERN.test(value);

const ADJECTIVES = [
  'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosy', 'crisp', 'eager', 'fair', 'gentle', 'glad',
  'golden', 'happy', 'honest', 'jolly', 'keen', 'kind', 'lively', 'lucky', 'merry', 'mighty', 'noble', 'proud',
  'quick', 'quiet', 'rapid', 'steady', 'sunny', 'swift', 'tidy', 'witty',
];
const ANIMALS = [
  'badger', 'beaver', 'bison', 'crane', 'dolphin', 'eagle', 'falcon', 'ferret', 'finch', 'fox', 'gecko', 'heron',
  'ibis', 'koala', 'lemur', 'lynx', 'marten', 'moose', 'newt', 'otter', 'owl', 'panda', 'puffin', 'quail',
  'raven', 'robin', 'seal', 'stoat', 'swan', 'tapir', 'walrus', 'wren',
];

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length) % items.length]!;

/**
 * A readable id such as `mwi-brave-otter-4821`: easy to read aloud and to spot in
 * Maximizer's target URL, yet with ~9 million combinations per prefix, so two
 * installs rarely ask the public server for the same one.
 */
export function readableId(random: () => number = Math.random, prefix = 'mwi'): string {
  const digits = String(1000 + Math.floor(random() * 9000)).slice(0, 4);
  return [prefix, pick(ADJECTIVES, random), pick(ANIMALS, random), digits].filter(Boolean).join('-');
}

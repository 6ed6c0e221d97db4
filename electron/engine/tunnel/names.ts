import { randomBytes } from 'node:crypto';
import { TUNNEL_ID_PATTERN } from '@shared/tunnel';

/** Tunnel ids follow the public localtunnel server's rule, so one we accept loca.lt accepts too. */
export const isTunnelId = (value: string): boolean => TUNNEL_ID_PATTERN.test(value);

const ADJECTIVES = [
  'amber',
  'bold',
  'brave',
  'bright',
  'calm',
  'clever',
  'cosy',
  'crisp',
  'eager',
  'fair',
  'gentle',
  'glad',
  'golden',
  'happy',
  'honest',
  'jolly',
  'keen',
  'kind',
  'lively',
  'lucky',
  'merry',
  'mighty',
  'noble',
  'proud',
  'quick',
  'quiet',
  'rapid',
  'steady',
  'sunny',
  'swift',
  'tidy',
  'witty',
];
const ANIMALS = [
  'badger',
  'beaver',
  'bison',
  'crane',
  'dolphin',
  'eagle',
  'falcon',
  'ferret',
  'finch',
  'fox',
  'gecko',
  'heron',
  'ibis',
  'koala',
  'lemur',
  'lynx',
  'marten',
  'moose',
  'newt',
  'otter',
  'owl',
  'panda',
  'puffin',
  'quail',
  'raven',
  'robin',
  'seal',
  'stoat',
  'swan',
  'tapir',
  'walrus',
  'wren',
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

/** Random bits in a private id's suffix: enough that nobody can guess it to take the name while the app is closed. */
export const PRIVATE_ID_BITS = 72;

/**
 * The app's own tunnel subdomain, such as `mwi-brave-otter-3kq0v9x1m2c7ab`: the readable words
 * are only for the eye; the suffix is 72 crypto-random bits (base 36), so the public URL,
 * which anyone may claim on the shared server while this app is not connected, cannot be guessed.
 */
export function privateId(bytes: (n: number) => Buffer = randomBytes, prefix = 'mwi'): string {
  const random = bytes(PRIVATE_ID_BITS / 8);
  const suffix = BigInt(`0x${random.toString('hex')}`)
    .toString(36)
    .padStart(14, '0');
  // The words come from the same random bytes: no second source of randomness to inject.
  const word = (i: number) => random[i]! / 256;
  return [prefix, pick(ADJECTIVES, () => word(0)), pick(ANIMALS, () => word(1)), suffix].filter(Boolean).join('-');
}

/** Ids the app generated before they were made unguessable (`mwi-brave-otter-4821`): replaced on start. */
export const isGuessableId = (id: string): boolean => /^mwi-[a-z]+-[a-z]+-\d{4}$/.test(id);

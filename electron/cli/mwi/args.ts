import { InvalidArgumentError } from 'commander';
import { formatFilterErrors, parseFilter } from '@shared/filters';
import { SANDBOX_MAX_RATE } from '@shared/limits';

/** A mistake in how the command was called: exit status 2, like commander's own usage errors. */
export class UsageError extends Error {}

export interface Pair {
  entity: string;
  op: string;
}

const PAIR = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)$/;

export function parsePair(text: string): Pair {
  const match = PAIR.exec(text.trim());
  if (!match) throw new InvalidArgumentError(`"${text}" is not Entity.Op (e.g. Lead.create, Opportunity.update)`);
  return { entity: match[1]!, op: match[2]! };
}

/** `--events Lead.create,Opportunity.update` (repeatable): each pair once, ignoring case. */
export function collectPairs(text: string, previous: Pair[] = []): Pair[] {
  const out = [...previous];
  for (const part of text.split(',').filter((p) => p.trim())) {
    const pair = parsePair(part);
    if (!out.some((p) => samePair(p, pair))) out.push(pair);
  }
  return out;
}

export const samePair = (a: Pair, b: { entity: string | null; op: string | null }) =>
  a.entity.toLowerCase() === b.entity?.toLowerCase() && a.op.toLowerCase() === b.op?.toLowerCase();

export const pairText = (p: Pair) => `${p.entity}.${p.op}`;

/** `--filter '{"Status": {"$EQ": 1}}'` (repeatable): Maximizer filter strings, checked with the sandbox's own parser. */
export function collectFilter(text: string, previous: string[] = []): string[] {
  const parsed = parseFilter([text]);
  if (!parsed.ok) throw new InvalidArgumentError(formatFilterErrors(parsed.errors, [text]));
  return [...previous, text];
}

/**
 * `--forward-to localhost:3000/webhooks` works as in Stripe's CLI: without a scheme, http:// is
 * meant (a local handler rarely has TLS). Anything given with a scheme must be http(s).
 */
export function parseHttpUrl(text: string): string {
  const given = text.trim();
  const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `http://${given}`;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new InvalidArgumentError(`"${text}" is not a URL (e.g. localhost:3000/webhooks or https://example.com/hooks)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`"${text}" is not an http:// or https:// URL`);
  if (!url.hostname) throw new InvalidArgumentError(`"${text}" has no host (e.g. localhost:3000/webhooks)`);
  return full;
}

export function parsePositiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${text}" is not a whole number of 1 or more`);
  return n;
}

export function parseRate(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > SANDBOX_MAX_RATE)
    throw new InvalidArgumentError(`"${text}" is not a rate from 0 to ${SANDBOX_MAX_RATE} events per minute`);
  return n;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since 10m` / `2h` / `1d`, or an ISO date: the epoch ms it stands for. */
export function parseSince(text: string, now = Date.now()): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (match) return now - Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  const date = Date.parse(text);
  if (!Number.isNaN(date)) return date;
  throw new InvalidArgumentError(`"${text}" is not a duration (30s, 10m, 2h, 1d, 1w) or a date (2026-12-01T14:00)`);
}

export function parseId(text: string): number {
  const n = Number(text.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${text}" is not an event id (a number, as in \`mwi events\`)`);
  return n;
}

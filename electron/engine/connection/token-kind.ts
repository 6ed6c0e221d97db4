import { z } from 'zod';
import type { TokenInfo, TokenKind } from '@shared/contract';

/**
 * Which kind of Maximizer token a connection uses, and when it will likely stop working (CONTRACT §1):
 * - Personal Access Token (PAT): long-lived, with an expiry date chosen when it was created. Use this one.
 * - Octopus regular token (`POST /octopus/Authenticate`): lapses 10 minutes after its last use, 24 h at most.
 * - Ferret token: about 2 minutes.
 * - OAuth2 access token: lifetime set by Maximizer's OAuth server.
 * Token formats are not documented. When the token is a JWT, its own `exp`/`iat` claims date it and its
 * lifetime tells the kinds apart; otherwise the kind is what the user said, or unknown.
 */
const FERRET_MS = 2 * 60_000;
const OCTOPUS_IDLE_MS = 10 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export const PAT_HELP = 'Create a Personal Access Token in Maximizer (your user menu → Personal Access Tokens) and connect with it.';

const LABELS: Record<TokenKind, string> = {
  pat: 'Personal Access Token',
  octopus: 'Octopus token',
  ferret: 'Ferret token',
  oauth: 'OAuth token',
  unknown: 'token of unknown kind',
};

const claims = z.object({ exp: z.number().optional(), iat: z.number().optional() });

/** The `exp`/`iat` of a JWT (seconds → ms), or null when the token is not one. Read only, never verified. */
export function jwtTimes(token: string): { expiresAt: number | null; issuedAt: number | null } | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const parsed = claims.safeParse(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    return {
      expiresAt: parsed.data.exp !== undefined ? parsed.data.exp * 1000 : null,
      issuedAt: parsed.data.iat !== undefined ? parsed.data.iat * 1000 : null,
    };
  } catch {
    return null;
  }
}

function kindFromLifetime(ms: number): TokenKind {
  if (ms <= 5 * 60_000) return 'ferret';
  if (ms <= DAY_MS) return 'octopus';
  return 'pat';
}

/** What the app says about a token on connect, and shows in the status bar. `declared` is what the user picked. */
export function describeToken(token: string, declared: TokenKind | undefined, now: number): TokenInfo {
  const jwt = jwtTimes(token);
  const lifetime = jwt?.expiresAt != null && jwt.issuedAt != null ? jwt.expiresAt - jwt.issuedAt : null;
  const kind: TokenKind = declared && declared !== 'unknown' ? declared : lifetime !== null ? kindFromLifetime(lifetime) : 'unknown';
  const shortLived = kind === 'ferret' || kind === 'octopus';
  const sliding = kind === 'octopus' && jwt?.expiresAt == null;
  const expiresAt = jwt?.expiresAt ?? (kind === 'ferret' ? now + FERRET_MS : kind === 'octopus' ? now + OCTOPUS_IDLE_MS : null);
  const label = LABELS[kind];
  const how = declared && declared !== 'unknown' ? 'as you said' : lifetime !== null ? 'from its lifetime' : null;
  let note: string;
  if (kind === 'ferret') note = `This is a ${label} (${how}): it lapses after about 2 minutes, and the connection with it. ${PAT_HELP}`;
  else if (kind === 'octopus')
    note = `This is an ${label} (${how}): it lapses 10 minutes after its last use (24 hours at most), and the connection with it. ${PAT_HELP}`;
  else if (kind === 'pat')
    note = `This is a ${label} (${how}): it works until the expiry date it was created with${expiresAt ? '' : ' (not readable from the token)'}.`;
  else if (kind === 'oauth')
    note = `This is an ${label} (as you said): it works until Maximizer's OAuth server lets it expire; sign in again then, or use a Personal Access Token.`;
  else
    note = `The token's kind cannot be read from it. If it is an Octopus (10 minutes idle) or Ferret (about 2 minutes) token, the connection will lapse; a Personal Access Token lasts.`;
  return { kind, label, shortLived, sliding, expiresAt, note };
}

/** The one line shown when reconnecting fails because a short-lived token lapsed. */
export function lapsedLine(info: TokenInfo, connection: string): string {
  const life = info.kind === 'ferret' ? 'it lasts about 2 minutes' : 'it lapses 10 minutes after its last use';
  return `Could not reconnect to "${connection}": its ${info.label} has expired (${life}). Connect again with a Personal Access Token.`;
}

import { describe, expect, it } from 'vitest';
import { describeToken, jwtTimes, lapsedLine } from '../../../electron/engine/connection/token-kind';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
const at = (ms: number) => Math.floor(ms / 1000);

describe('describeToken', () => {
  it("reads a JWT's lifetime: ~2 min is a Ferret token, up to a day an Octopus token, longer a PAT", () => {
    const ferret = describeToken(jwt({ iat: at(NOW), exp: at(NOW + 120_000) }), undefined, NOW);
    expect(ferret).toMatchObject({ kind: 'ferret', shortLived: true, expiresAt: NOW + 120_000 });
    expect(ferret.note).toMatch(/about 2 minutes.*Personal Access Token/);
    const octopus = describeToken(jwt({ iat: at(NOW), exp: at(NOW + 3_600_000) }), undefined, NOW);
    expect(octopus).toMatchObject({ kind: 'octopus', shortLived: true, sliding: false, expiresAt: NOW + 3_600_000 });
    const pat = describeToken(jwt({ iat: at(NOW), exp: at(NOW + 90 * 86_400_000) }), undefined, NOW);
    expect(pat).toMatchObject({ kind: 'pat', shortLived: false, expiresAt: NOW + 90 * 86_400_000 });
  });

  it('takes the kind the user said, and estimates expiry from it when the token has no date', () => {
    expect(describeToken('opaque-token-123456', 'ferret', NOW)).toMatchObject({ kind: 'ferret', expiresAt: NOW + 120_000, shortLived: true });
    expect(describeToken('opaque-token-123456', 'octopus', NOW)).toMatchObject({ kind: 'octopus', expiresAt: NOW + 600_000, sliding: true });
    expect(describeToken('opaque-token-123456', 'pat', NOW)).toMatchObject({ kind: 'pat', expiresAt: null, shortLived: false });
  });

  it('says plainly when the kind cannot be told, and how a short-lived one would behave', () => {
    const unknown = describeToken('opaque-token-123456', undefined, NOW);
    expect(unknown).toMatchObject({ kind: 'unknown', shortLived: false, expiresAt: null });
    expect(unknown.note).toMatch(/cannot be read.*Personal Access Token lasts/);
  });

  it('never mistakes a non-JWT for one', () => {
    expect(jwtTimes('a.b')).toBeNull();
    expect(jwtTimes('abc.def.ghi')).toBeNull(); // not JSON inside
    expect(jwtTimes('a b.c.d')).toBeNull();
  });
});

it('a lapsed short-lived token is one line naming the connection and pointing to a PAT', () => {
  const line = lapsedLine(describeToken('x'.repeat(20), 'ferret', NOW), 'Production');
  expect(line).toBe(
    'Could not reconnect to "Production": its Ferret token has expired (it lasts about 2 minutes). Connect again with a Personal Access Token.',
  );
  expect(line).not.toContain('\n');
});

import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionBadge } from '@shared/changes';

describe('versions', () => {
  it('parse major.minor as integers', () => {
    expect(parseVersion('1.13')).toEqual({ major: 1, minor: 13, text: '1.13' });
    expect(parseVersion(0.1)).toEqual({ major: 0, minor: 1, text: '0.1' });
    expect(parseVersion('2')).toEqual({ major: 2, minor: 0, text: '2' });
    for (const bad of [null, undefined, '', 'abc', '1.2.3', 'v1', Number.NaN]) expect(parseVersion(bad)).toBeNull();
  });

  it('compare numerically: 1.13 > 1.2, unknown first', () => {
    expect(compareVersions('1.13', '1.2')).toBeGreaterThan(0);
    expect(compareVersions('0.8', '1.0')).toBeLessThan(0);
    expect(compareVersions('1.1', 1.1)).toBe(0);
    expect(['1.2', null, '1.13', '0.1', 'x'].sort(compareVersions)).toEqual([null, 'x', '0.1', '1.2', '1.13']);
  });

  it('badge', () => {
    expect(versionBadge('1.13')).toMatchObject({ label: 'v1.13', known: true, major: 1, minor: 13 });
    expect(versionBadge(null)).toMatchObject({ label: 'v?', known: false });
  });
});

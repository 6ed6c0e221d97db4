import { describe, expect, it } from 'vitest';
import { compareVersions, majorChanged, parseVersion, rememberVersion, versionBadge } from '@shared/changes';

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

  it('warn when an entity arrives with another major than last seen (entity names ignore case)', () => {
    const seen = { opportunity: '0.1', Lead: '0.8' };
    expect(majorChanged(seen, 'Opportunity', '1.1')).toEqual({ entity: 'Opportunity', previous: '0.1', current: '1.1', previousMajor: 0, currentMajor: 1 });
    expect(majorChanged(seen, 'lead', '0.9')).toBeNull();
    expect(majorChanged(seen, 'Export', '1.0')).toBeNull();
    expect(majorChanged(seen, 'lead', null)).toBeNull();
    expect(majorChanged(new Map([['lead', '0.8']]), 'LEAD', '1.0')?.currentMajor).toBe(1);
  });

  it('remember the last version per entity without duplicating case variants', () => {
    const next = rememberVersion({ Opportunity: '0.1', lead: '0.8' }, 'opportunity', '1.1');
    expect(next).toEqual({ lead: '0.8', opportunity: '1.1' });
    expect(rememberVersion(next, 'lead', 'garbage')).toEqual(next);
    expect(majorChanged(next, 'Opportunity', '1.0')).toBeNull();
  });
});

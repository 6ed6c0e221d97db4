import { afterEach, describe, expect, it } from 'vitest';
import { localTimestamp } from '../../../shared/local-time';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('timestamps as the list, the detail pane and `mwi` write them', () => {
  it('is local time as toLocaleString("sv-SE") writes it, with milliseconds, in zones east and west, across DST changes', () => {
    const moments = [
      0,
      Date.UTC(2026, 2, 8, 9, 59, 59, 999), // Los Angeles springs forward at 10:00 UTC
      Date.UTC(2026, 2, 8, 10, 0, 0, 1),
      Date.UTC(2026, 10, 1, 8, 30, 0, 42), // ...and falls back at 09:00 UTC
      Date.UTC(2026, 11, 31, 23, 59, 59, 500),
      Date.UTC(1999, 0, 1, 0, 0, 0, 7),
    ];
    for (const tz of ['UTC', 'America/Los_Angeles', 'America/Vancouver', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      process.env.TZ = tz; // Node re-reads the zone when TZ is set
      for (const ms of moments) {
        const expected = `${new Date(ms).toLocaleString('sv-SE')}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
        expect(localTimestamp(ms), `${tz} ${ms}`).toBe(expected);
      }
    }
    process.env.TZ = 'America/Los_Angeles';
    expect(localTimestamp(Date.UTC(2026, 11, 4, 16, 25, 11, 5))).toBe('2026-12-04 08:25:11.005');
  });
});

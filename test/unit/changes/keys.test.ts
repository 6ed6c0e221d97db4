import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, keyIdentity, sameKey } from '@shared/keys';

describe('key identity', () => {
  it('user keys match ignoring case; other keys match exactly', () => {
    expect(sameKey('VXNlcglNQVNURVI=', 'VXNlcglNYXN0ZXI=')).toBe(true);
    expect(sameKey(encodeKey('Opportunity', 'OPP_A'), encodeKey('Opportunity', 'opp_a'))).toBe(false);
    expect(sameKey(encodeKey('Lead', '1'), encodeKey('Lead', '1'))).toBe(true);
  });

  it('undecodable values compare by their raw text; empty values never match', () => {
    expect(keyIdentity('TODO')).toBe('raw:TODO');
    expect(sameKey('TODO', 'TODO')).toBe(true);
    expect(sameKey('', '')).toBe(false);
    expect(sameKey(null, null)).toBe(false);
  });

  it('does not try to decode very long strings', () => {
    expect(decodeKey(encodeKey('Note', 'x'.repeat(2000)))).toBeNull();
  });
});

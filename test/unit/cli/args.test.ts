import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collectFilter, collectPairs, parseHttpUrl, parseId, parseSince } from '../../../electron/cli/mwi/args';

describe('mwi arguments', () => {
  it('--events takes comma lists and repeats, each pair once ignoring case', () => {
    const pairs = collectPairs('Lead.create, Opportunity.update', collectPairs('lead.CREATE,AbEntry.delete'));
    expect(pairs).toEqual([
      { entity: 'lead', op: 'CREATE' },
      { entity: 'AbEntry', op: 'delete' },
      { entity: 'Opportunity', op: 'update' },
    ]);
    for (const bad of ['Lead', 'Lead.', '.create', 'Lead.create.x', 'Le ad.create']) expect(() => collectPairs(bad), bad).toThrow(InvalidArgumentError);
  });

  it('--since takes a duration or a date', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(parseSince('10m', now)).toBe(now - 600_000);
    expect(parseSince('2h', now)).toBe(now - 7_200_000);
    expect(parseSince('1d', now)).toBe(now - 86_400_000);
    expect(parseSince('2026-11-30T00:00:00Z', now)).toBe(Date.parse('2026-11-30T00:00:00Z'));
    expect(() => parseSince('soon', now)).toThrow(/not a duration/);
  });

  it('--filter is checked with the sandbox filter parser before anything is sent', () => {
    expect(collectFilter('{"Status": {"$EQ": 1}}')).toEqual(['{"Status": {"$EQ": 1}}']);
    expect(() => collectFilter('{"Status": {"$eq": 1}}')).toThrow(/upper case/);
    expect(() => collectFilter('Status = 1')).toThrow(/not valid JSON/);
  });

  it('URLs are http(s), http:// assumed without a scheme (as Stripe CLI); ids are positive integers (a leading # is fine)', () => {
    expect(parseHttpUrl('http://localhost:3000/hook')).toBe('http://localhost:3000/hook');
    expect(parseHttpUrl('https://example.com/hooks')).toBe('https://example.com/hooks');
    expect(parseHttpUrl('localhost:3000')).toBe('http://localhost:3000');
    expect(parseHttpUrl('localhost:3000/webhooks')).toBe('http://localhost:3000/webhooks');
    expect(parseHttpUrl('127.0.0.1:8080/hooks?x=1')).toBe('http://127.0.0.1:8080/hooks?x=1');
    expect(() => parseHttpUrl('ftp://x')).toThrow(InvalidArgumentError);
    expect(() => parseHttpUrl('localhost:notaport')).toThrow(InvalidArgumentError);
    expect(() => parseHttpUrl('')).toThrow(InvalidArgumentError);
    expect(parseId('#42')).toBe(42);
    expect(() => parseId('0')).toThrow(InvalidArgumentError);
    expect(() => parseId('abc')).toThrow(InvalidArgumentError);
  });
});

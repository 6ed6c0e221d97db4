import { describe, expect, it } from 'vitest';
import type { EventSummary } from '@shared/contract';
import { hasFilters, matchesLocally, parseFilters, toListQuery, writeFilters, type Filters } from '../../../renderer/src/events/filters';

const summary = (over: Partial<EventSummary> = {}): EventSummary => ({
  id: 1,
  webhookId: 'w',
  entity: 'Opportunity',
  op: 'update',
  version: '1.1',
  attempts: 1,
  receivedAt: 1_000_000,
  lastReceivedAt: 1_000_000,
  size: 10,
  summary: '',
  recordKey: null,
  origin: 'received',
  ...over,
});

describe('filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const filters: Filters = {
      entity: 'lead',
      op: 'update',
      text: 'Acme Co',
      field: 'SalesStageSetupKey',
      range: 'custom',
      from: Date.UTC(2025, 0, 2),
      to: Date.UTC(2025, 0, 3),
      errors: true,
      drift: true,
    };
    expect(parseFilters(writeFilters('', filters))).toEqual(filters);
  });

  it('keeps parameters it does not own, and drops its own when cleared', () => {
    const search = writeFilters('?event=12&tab=changes&op=delete', { range: '1h', entity: 'lead' });
    const params = new URLSearchParams(search);
    expect(params.get('event')).toBe('12');
    expect(params.get('tab')).toBe('changes');
    expect(params.get('op')).toBeNull();
    expect(params.get('entity')).toBe('lead');
    expect(writeFilters(search, { range: 'all' })).toBe('?event=12&tab=changes');
  });

  it('ignores junk: unknown ranges, custom without bounds, blank values', () => {
    expect(parseFilters('?range=forever&entity=%20%20')).toEqual({ range: 'all' });
    expect(parseFilters('?range=custom')).toEqual({ range: 'all' });
    expect(parseFilters('?range=custom&from=not-a-date&to=2025-01-01T00:00:00.000Z')).toEqual({ range: 'custom', to: Date.UTC(2025, 0, 1) });
  });

  it('says whether anything is filtered', () => {
    expect(hasFilters({ range: 'all' })).toBe(false);
    expect(hasFilters({ range: '15m' })).toBe(true);
    expect(hasFilters({ range: 'all', field: 'Key' })).toBe(true);
  });
});

describe('the list query', () => {
  it('maps filters to listEvents arguments; presets are relative to now', () => {
    const now = 10_000_000;
    expect(toListQuery({ entity: 'lead', op: 'create', text: 'x', field: 'Key', errors: true, range: '1h' }, now)).toEqual({
      entity: 'lead',
      op: 'create',
      text: 'x',
      hasField: 'Key',
      parseErrorsOnly: true,
      since: now - 3_600_000,
    });
    expect(toListQuery({ range: 'custom', from: 5, to: 9 }, now)).toEqual({ since: 5, until: 9 });
    expect(toListQuery({ range: 'all' }, now)).toEqual({});
    expect(toListQuery({ range: 'all', drift: true }, now)).toEqual({ driftOnly: true });
  });
});

describe('matching live events without the server', () => {
  const now = 2_000_000;
  it('compares entity and op ignoring case, as the store does', () => {
    expect(matchesLocally(summary({ entity: 'opportunity' }), { range: 'all', entity: 'Opportunity' }, now)).toBe(true);
    expect(matchesLocally(summary({ op: 'Update' }), { range: 'all', op: 'update' }, now)).toBe(true);
    expect(matchesLocally(summary({ entity: 'lead' }), { range: 'all', entity: 'Opportunity' }, now)).toBe(false);
  });
  it('applies the time range and the parse-error filter', () => {
    expect(matchesLocally(summary({ receivedAt: now - 10 * 60_000 }), { range: '15m' }, now)).toBe(true);
    expect(matchesLocally(summary({ receivedAt: now - 20 * 60_000 }), { range: '15m' }, now)).toBe(false);
    expect(matchesLocally(summary({ receivedAt: 50 }), { range: 'custom', from: 10, to: 40 }, now)).toBe(false);
    expect(matchesLocally(summary(), { range: 'all', errors: true }, now)).toBe(false);
    expect(matchesLocally(summary({ parseError: 'bad' }), { range: 'all', errors: true }, now)).toBe(true);
  });
  it('applies "drift only" from the drift kinds a live event carries', () => {
    expect(matchesLocally(summary(), { range: 'all', drift: true }, now)).toBe(false);
    expect(matchesLocally(summary({ drift: ['new_field'] }), { range: 'all', drift: true }, now)).toBe(true);
  });
  it('defers to the server for full-text and field filters, unless another filter already excludes the event', () => {
    expect(matchesLocally(summary(), { range: 'all', text: 'acme' }, now)).toBeUndefined();
    expect(matchesLocally(summary(), { range: 'all', field: 'Key' }, now)).toBeUndefined();
    expect(matchesLocally(summary({ entity: 'lead' }), { range: 'all', entity: 'Export', text: 'acme' }, now)).toBe(false);
  });
});

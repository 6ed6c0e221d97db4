import type { EventSummary, ListEventsQuery } from '@shared/contract';

/** Preset windows are relative to "now" at query time, so a reload keeps meaning "the last hour". */
export const RANGE_PRESETS = {
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export type Range = RangePreset | 'custom' | 'all';

/** What the user filters the event list by; lives in the URL's query string. */
export interface Filters {
  entity?: string;
  op?: string;
  /** Full-text search over the payload. */
  text?: string;
  /** "Has field X" in Original or New. */
  field?: string;
  range: Range;
  /** Custom range bounds (epoch ms), used when range is 'custom'. */
  from?: number;
  to?: number;
  /** Only events whose body could not be parsed. */
  errors?: boolean;
  /** Only events that brought drift to their shape. */
  drift?: boolean;
}

export const NO_FILTERS: Filters = { range: 'all' };

/** URL parameter names; everything else in the query string is left alone. */
const PARAMS = ['entity', 'op', 'q', 'field', 'range', 'from', 'to', 'errors', 'drift'] as const;

const isRange = (value: string | null): value is Range => value !== null && (value === 'custom' || value === 'all' || Object.hasOwn(RANGE_PRESETS, value));

function parseTime(value: string | null): number | undefined {
  if (!value) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : undefined;
}

export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const range = params.get('range');
  const filters: Filters = { range: isRange(range) ? range : 'all' };
  const entity = text('entity');
  const op = text('op');
  const q = text('q');
  const field = text('field');
  if (entity) filters.entity = entity;
  if (op) filters.op = op;
  if (q) filters.text = q;
  if (field) filters.field = field;
  if (filters.range === 'custom') {
    const from = parseTime(params.get('from'));
    const to = parseTime(params.get('to'));
    if (from !== undefined) filters.from = from;
    if (to !== undefined) filters.to = to;
    if (from === undefined && to === undefined) filters.range = 'all';
  }
  if (params.get('errors') === '1') filters.errors = true;
  if (params.get('drift') === '1') filters.drift = true;
  return filters;
}

/** The query string with these filters, keeping every parameter the filters do not own (e.g. other views' state). */
export function writeFilters(search: string, filters: Filters): string {
  const params = new URLSearchParams(search);
  for (const name of PARAMS) params.delete(name);
  if (filters.entity) params.set('entity', filters.entity);
  if (filters.op) params.set('op', filters.op);
  if (filters.text) params.set('q', filters.text);
  if (filters.field) params.set('field', filters.field);
  if (filters.range !== 'all') params.set('range', filters.range);
  if (filters.range === 'custom') {
    if (filters.from !== undefined) params.set('from', new Date(filters.from).toISOString());
    if (filters.to !== undefined) params.set('to', new Date(filters.to).toISOString());
  }
  if (filters.errors) params.set('errors', '1');
  if (filters.drift) params.set('drift', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function hasFilters(filters: Filters): boolean {
  return !!(filters.entity || filters.op || filters.text || filters.field || filters.errors || filters.drift || filters.range !== 'all');
}

export function rangeBounds(filters: Filters, now: number): { since?: number; until?: number } {
  if (filters.range === 'all') return {};
  if (filters.range === 'custom') {
    return { ...(filters.from !== undefined ? { since: filters.from } : {}), ...(filters.to !== undefined ? { until: filters.to } : {}) };
  }
  return { since: now - RANGE_PRESETS[filters.range].ms };
}

export function toListQuery(filters: Filters, now: number): ListEventsQuery {
  return {
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.op ? { op: filters.op } : {}),
    ...(filters.text ? { text: filters.text } : {}),
    ...(filters.field ? { hasField: filters.field } : {}),
    ...(filters.errors ? { parseErrorsOnly: true } : {}),
    ...(filters.drift ? { driftOnly: true } : {}),
    ...rangeBounds(filters, now),
  };
}

/**
 * Whether a live event belongs in the filtered list, decided without the server.
 * Undefined when only the server can tell (full-text and field filters).
 */
export function matchesLocally(item: EventSummary, filters: Filters, now: number): boolean | undefined {
  const same = (a: string | null, b: string | undefined) => b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
  if (!same(item.entity, filters.entity) || !same(item.op, filters.op)) return false;
  if (filters.errors && !item.parseError) return false;
  if (filters.drift && !item.drift?.length) return false;
  const { since, until } = rangeBounds(filters, now);
  if (since !== undefined && item.receivedAt < since) return false;
  if (until !== undefined && item.receivedAt > until) return false;
  if (filters.text || filters.field) return undefined;
  return true;
}

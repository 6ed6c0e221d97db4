import { useMemo } from 'react';
import { useEvents } from '../store/events';
import { useVersions } from '../versions/lastSeen';
import { Icon } from '../common/Icon';
import { useDebouncedInput } from '../common/useDebounced';
import { fromLocalInput, toLocalInput } from '../common/format';
import { hasFilters, RANGE_PRESETS, type Range } from './filters';
import { entityName } from '@shared/entities';

const OPS = ['create', 'update', 'delete', 'read'];

export function FilterBar() {
  const filters = useEvents((s) => s.filters);
  const setFilters = useEvents((s) => s.setFilters);
  const clearFilters = useEvents((s) => s.clearFilters);
  const seen = useVersions((s) => s.seen);
  const search = useDebouncedInput(filters.text ?? '', (text) => setFilters({ text }));
  const field = useDebouncedInput(filters.field ?? '', (value) => setFilters({ field: value }), 400);

  // One name per entity, case variants merged (Maximizer sends `opportunity` and `Opportunity`).
  const entities = useMemo(() => {
    const byLower = new Map<string, string>();
    for (const { entity } of seen) if (!byLower.has(entity.toLowerCase())) byLower.set(entity.toLowerCase(), entityName(entity));
    if (filters.entity && !byLower.has(filters.entity.toLowerCase())) byLower.set(filters.entity.toLowerCase(), entityName(filters.entity));
    // Not localeCompare: its first call loads ICU's collation data (tens of ms of the first paint).
    return [...byLower.values()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  }, [seen, filters.entity]);

  return (
    <div className="filterbar" role="search">
      <div className="search">
        <Icon name="search" />
        <input
          id="event-search"
          type="search"
          placeholder="Search payloads…"
          value={search.value}
          onChange={(e) => search.change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') search.flush();
            if (e.key === 'Escape') {
              e.stopPropagation();
              if (search.value) search.change('');
              search.flush();
              setFilters({ text: '' });
              e.currentTarget.blur();
            }
          }}
          data-testid="search"
          aria-label="Full-text search"
        />
        <kbd className="search-key">/</kbd>
      </div>
      <select
        value={entities.find((e) => e.toLowerCase() === filters.entity?.toLowerCase()) ?? ''}
        onChange={(e) => setFilters({ entity: e.target.value })}
        aria-label="Entity"
        data-testid="filter-entity"
        className={filters.entity ? 'active' : ''}
      >
        <option value="">All entities</option>
        {entities.map((entity) => (
          <option key={entity} value={entity}>
            {entity}
          </option>
        ))}
      </select>
      <select
        value={filters.op?.toLowerCase() ?? ''}
        onChange={(e) => setFilters({ op: e.target.value })}
        aria-label="Operation"
        data-testid="filter-op"
        className={filters.op ? 'active' : ''}
      >
        <option value="">All ops</option>
        {OPS.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
      <select
        value={filters.range}
        onChange={(e) => {
          const range = e.target.value as Range;
          setFilters(range === 'custom' ? { range, from: filters.from ?? Date.now() - 3_600_000, to: filters.to } : { range });
        }}
        aria-label="Time range"
        data-testid="filter-range"
        className={filters.range !== 'all' ? 'active' : ''}
      >
        <option value="all">Any time</option>
        {Object.entries(RANGE_PRESETS).map(([id, { label }]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </select>
      {filters.range === 'custom' && (
        <span className="range-inputs">
          <input
            type="datetime-local"
            aria-label="From"
            value={toLocalInput(filters.from)}
            onChange={(e) => setFilters({ from: fromLocalInput(e.target.value) })}
          />
          <span className="muted">→</span>
          <input
            type="datetime-local"
            aria-label="Until"
            value={toLocalInput(filters.to)}
            onChange={(e) => setFilters({ to: fromLocalInput(e.target.value) })}
          />
        </span>
      )}
      <div className={`field-filter ${filters.field ? 'active' : ''}`}>
        <span className="muted">has field</span>
        <input
          type="text"
          placeholder="e.g. SalesStageSetupKey"
          value={field.value}
          onChange={(e) => field.change(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && field.flush()}
          aria-label="Has field"
          data-testid="filter-field"
          spellCheck={false}
        />
      </div>
      <label className={`chip-toggle ${filters.errors ? 'active' : ''}`} title="Only bodies that could not be parsed">
        <input type="checkbox" checked={!!filters.errors} onChange={(e) => setFilters({ errors: e.target.checked })} />
        Parse errors
      </label>
      <label
        className={`chip-toggle ${filters.drift ? 'active' : ''}`}
        title="Only events that changed their shape: new field, new type, missing field, new major"
      >
        <input type="checkbox" checked={!!filters.drift} onChange={(e) => setFilters({ drift: e.target.checked })} data-testid="filter-drift" />
        Drift only
      </label>
      {hasFilters(filters) && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={clearFilters} data-testid="clear-filters">
          <Icon name="x" /> Clear
        </button>
      )}
    </div>
  );
}

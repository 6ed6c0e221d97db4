import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEvents } from '../store/events';
import { useStatus } from '../store/status';
import { Icon } from '../common/Icon';
import { count, plural } from '../common/format';
import { hasFilters, toListQuery } from './filters';
import { SampleMenu } from './SampleMenu';
import { saveFixtures } from '../shapes/fixtures';

/** Above the list: Events/Rejected switch, what is shown, live controls. */
export function ListToolbar({ onJumpTop }: { onJumpTop: () => void }) {
  const view = useEvents((s) => s.view);
  const setView = useEvents((s) => s.setView);
  const loaded = useEvents((s) => s.items.length);
  const more = useEvents((s) => !!s.nextCursor);
  const filtered = useEvents((s) => hasFilters(s.filters));
  const paused = useEvents((s) => s.paused);
  const pending = useEvents((s) => s.pending.length);
  const unread = useEvents((s) => s.unread);
  const atTop = useEvents((s) => s.atTop);
  const togglePaused = useEvents((s) => s.togglePaused);
  const counts = useStatus((s) => s.status?.counts);
  const rejected = Math.max(
    counts?.rejected ?? 0,
    useEvents((s) => s.rejections.length),
  );

  const filters = useEvents((s) => s.filters);
  const matching = useMatchCount(filtered && more, filters, loaded);

  const shown = filtered
    ? more
      ? matching
        ? `${count(matching.count)}${matching.exact ? '' : '+'} matching`
        : `${count(loaded)}+ matching`
      : `${count(loaded)} matching`
    : counts && counts.events > loaded
      ? `${count(loaded)} of ${count(counts.events)} loaded`
      : plural(loaded, 'event');

  return (
    <div className="list-toolbar">
      <div className="segmented" role="tablist" aria-label="List">
        <button type="button" role="tab" aria-selected={view === 'events'} className={view === 'events' ? 'active' : ''} onClick={() => setView('events')}>
          Events
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={view === 'rejected'}
          className={view === 'rejected' ? 'active' : ''}
          onClick={() => setView('rejected')}
          data-testid="view-rejected"
        >
          Rejected{rejected > 0 && <span className="badge badge-danger">{count(rejected)}</span>}
        </button>
      </div>
      {view === 'events' && (
        <span className="muted small" data-testid="shown-count">
          {shown}
        </span>
      )}
      <div className="toolbar-spacer" />
      {view === 'events' && (unread > 0 || pending > 0) && (!atTop || paused) && (
        <button type="button" className="pill pill-accent" onClick={onJumpTop} data-testid="new-pill" title="Jump to the newest (g)">
          <Icon name="arrowUp" /> {count(paused ? pending : unread)} new
        </button>
      )}
      {view === 'events' && loaded > 0 && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() =>
            void saveFixtures({
              eventIds: useEvents
                .getState()
                .items.slice(0, 1000)
                .map((e) => e.id),
            })
          }
          title="Save the listed events (filter first) as test fixtures: one JSON file each, named entity-op-Key.json"
          data-testid="export-list-fixtures"
        >
          Fixtures
        </button>
      )}
      {view === 'events' && (
        <button
          type="button"
          className={`btn btn-sm ${paused ? 'btn-warn' : 'btn-ghost'}`}
          onClick={togglePaused}
          title={paused ? 'Resume live updates (p)' : 'Pause live updates: new events wait until you resume (p)'}
          data-testid="pause-toggle"
        >
          <Icon name={paused ? 'play' : 'pause'} />
          {paused ? `Resume${pending ? ` (${count(pending)})` : ''}` : 'Pause'}
        </button>
      )}
      <SampleMenu compact />
    </div>
  );
}

/**
 * The exact number of events a filtered list matches, asked once the list has more pages than it
 * loaded (otherwise the loaded count is exact); asked again when the filters change or new
 * events arrive. Until it answers (or if it fails), the toolbar shows "N+".
 */
function useMatchCount(active: boolean, filters: ReturnType<typeof useEvents.getState>['filters'], loaded: number) {
  const [asked, setAsked] = useState<{ query: ReturnType<typeof toListQuery>; loaded: number } | null>(null);
  useEffect(() => {
    if (!active) return setAsked(null);
    const timer = setTimeout(() => setAsked({ query: toListQuery(filters, Date.now()), loaded }), 150);
    return () => clearTimeout(timer);
  }, [active, filters, loaded]);
  // Keyed by what was asked: an older count never replaces a newer one; the last one shows until the next answers.
  const count = useQuery({
    ...useEvents.getState().countQuery(asked?.query ?? {}, asked?.loaded ?? 0),
    enabled: asked !== null,
    placeholderData: keepPreviousData,
  });
  return active && asked ? (count.data ?? null) : null;
}

import { useMemo, useRef, useState } from 'react';
import { useEvents } from '../store/events';
import { DetailPlaceholder } from '../detail/DetailPlaceholder';
import { afterFirstPaint } from '../shell/after-first-paint';
import { lazyView } from '../shell/lazy-view';
import { EventList } from './EventList';
import { NoMatches, Welcome } from './EmptyState';
import { RejectionList } from './RejectionList';
import { hasFilters } from './filters';
import { useListKeyboard } from './useKeyboard';
import { useSplit } from './useSplit';

/** The open event's pane (diffs, timeline, request views): loaded when the first event is opened. */
const DetailPane = lazyView(
  () => import('../detail/DetailPane').then((m) => m.DetailPane),
  <section className="detail" aria-busy="true">
    <div className="muted pad">Loading…</div>
  </section>,
);

// The first frame shows the rows; the bars above them and the dialogs come in the frames after it,
// each in the place its placeholder kept (see after-first-paint.tsx).
const FilterBar = afterFirstPaint(() => import('./FilterBar').then((m) => m.FilterBar), <div className="filterbar filterbar-pending" />);
const ListToolbar = afterFirstPaint(() => import('./ListToolbar').then((m) => m.ListToolbar), <div className="list-toolbar" />);
const SelectionBar = afterFirstPaint(() => import('./SelectionBar').then((m) => m.SelectionBar));
const ShortcutsDialog = afterFirstPaint(() => import('../settings/ShortcutsDialog').then((m) => m.ShortcutsDialog));

/** The inspector's main screen: filters on top, the live list on the left, the open event on the right. */
export function EventsView() {
  const view = useEvents((s) => s.view);
  const empty = useEvents((s) => !s.loading && s.items.length === 0);
  const filtered = useEvents((s) => hasFilters(s.filters));
  const error = useEvents((s) => s.error);
  const open = useEvents((s) => s.openId !== null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [help, setHelp] = useState(false);
  const split = useSplit();

  const actions = useMemo(
    () => ({
      jumpTop: () => {
        const s = useEvents.getState();
        if (s.paused) s.togglePaused();
        scrollRef.current?.scrollTo({ top: 0 });
        s.setCursor(useEvents.getState().items[0]?.id ?? null);
        s.setAtTop(true);
        s.markSeen();
      },
      toggleHelp: () => setHelp((h) => !h),
    }),
    [],
  );
  useListKeyboard(actions);

  return (
    <div className="events-view">
      <FilterBar />
      <div className="split" style={{ gridTemplateColumns: `${split.width}px 5px minmax(0, 1fr)` }}>
        <div className="list-pane">
          <ListToolbar onJumpTop={actions.jumpTop} />
          {view === 'events' && <SelectionBar />}
          {error && <div className="banner banner-error small">Could not load events: {error}</div>}
          {view === 'rejected' ? <RejectionList /> : empty ? filtered ? <NoMatches /> : <Welcome /> : <EventList scrollRef={scrollRef} />}
        </div>
        <div className="splitter" onPointerDown={split.start} role="separator" aria-orientation="vertical" title="Drag to resize" />
        {open ? <DetailPane /> : <DetailPlaceholder />}
      </div>
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
    </div>
  );
}

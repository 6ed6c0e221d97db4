import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEvents } from '../store/events';
import { EventRow } from './EventRow';
import { ListHeader } from './ListHeader';
import { anchorOffset } from './live';

export const ROW_HEIGHT = 30;

/**
 * The event list: only the rows in view (plus a small overscan) are in the DOM, so
 * 100,000 loaded events cost the same to render as 100. Older pages load as the user
 * nears the end; live rows inserted above keep the viewport where it was.
 */
export function EventList({ scrollRef }: { scrollRef: React.RefObject<HTMLDivElement | null> }) {
  const items = useEvents((s) => s.items);
  const nextCursor = useEvents((s) => s.nextCursor);
  const loadingMore = useEvents((s) => s.loadingMore);
  const cursor = useEvents((s) => s.cursor);
  const openId = useEvents((s) => s.openId);
  const clickRow = useEvents((s) => s.clickRow);
  const selection = useEvents((s) => s.selection);
  const loadMore = useEvents((s) => s.loadMore);
  const setAtTop = useEvents((s) => s.setAtTop);

  const virtualizer = useVirtualizer({
    count: items.length + (nextCursor ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Rows in the first render: without a rect the virtualizer renders none until it has measured
    // the list after mount, which costs the first paint a second render pass.
    initialRect: { width: 0, height: window.innerHeight },
    getItemKey: (index) => items[index]?.id ?? 'more',
  });

  // Keep the rows the user is reading in place when new ones arrive above them.
  const firstId = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const previous = firstId.current;
    firstId.current = items[0]?.id;
    const el = scrollRef.current;
    if (!el || previous === undefined || items[0]?.id === previous) return;
    const added = items.findIndex((e) => e.id === previous);
    if (added > 0) el.scrollTop += anchorOffset(el.scrollTop, added, ROW_HEIGHT);
  }, [items, scrollRef]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (nextCursor && !loadingMore && lastIndex >= items.length - 40) void loadMore();
  }, [lastIndex, items.length, nextCursor, loadingMore, loadMore]);

  // The keyboard cursor stays in view.
  const cursorIndex = cursor === null ? -1 : items.findIndex((e) => e.id === cursor);
  useEffect(() => {
    if (cursorIndex >= 0) virtualizer.scrollToIndex(cursorIndex, { align: 'auto' });
  }, [cursor]);

  const onScroll = useCallback(() => setAtTop((scrollRef.current?.scrollTop ?? 0) < 4), [scrollRef, setAtTop]);
  const onClick = useCallback((id: number, modifiers: { toggle: boolean; extend: boolean }) => clickRow(id, modifiers), [clickRow]);

  return (
    <div className="list" role="grid" aria-label="Events" aria-multiselectable="true" aria-rowcount={items.length} data-testid="event-list">
      <ListHeader />
      <div className="list-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="rowgroup">
        <div className="list-canvas" style={{ height: virtualizer.getTotalSize() }} role="presentation">
          {virtualRows.map((row) => {
            const event = items[row.index];
            if (!event)
              return (
                <div key="more" className="row row-more" role="row" style={{ transform: `translateY(${row.start}px)` }}>
                  <span role="gridcell">Loading older events…</span>
                </div>
              );
            return (
              <EventRow
                key={event.id}
                event={event}
                index={row.index}
                start={row.start}
                cursor={event.id === cursor}
                open={event.id === openId}
                selected={selection.ids.has(event.id)}
                onClick={onClick}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

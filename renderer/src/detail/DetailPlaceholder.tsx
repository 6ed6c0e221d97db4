import { useEvents } from '../store/events';

/** The detail pane before an event is open: small, so the Events view paints without the detail's code. */
export function DetailPlaceholder() {
  const hasItems = useEvents((s) => s.items.length > 0);
  return (
    <section className="detail detail-placeholder" data-testid="event-detail">
      {hasItems && (
        <div className="hint">
          <p>Select an event to inspect it.</p>
          <p className="muted small">
            <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>j</kbd> <kbd>k</kbd> to move · <kbd>Enter</kbd> to open · <kbd>/</kbd> to search · <kbd>?</kbd> for all shortcuts
          </p>
        </div>
      )}
    </section>
  );
}

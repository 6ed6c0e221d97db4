import { useEffect } from 'react';
import { useEvents } from '../store/events';

/** Unread count beside the Events tab, mirrored in the window title so it shows in the taskbar. */
export function UnreadBadge() {
  const unread = useEvents((s) => s.unread);
  useEffect(() => {
    document.title = unread ? `(${unread > 999 ? '999+' : unread}) Maximizer Webhook Inspector` : 'Maximizer Webhook Inspector';
  }, [unread]);
  if (!unread) return null;
  return (
    <span className="badge badge-accent" data-testid="unread-count" title={`${unread} new since you last looked at the top of the list`}>
      {unread > 999 ? '999+' : unread}
    </span>
  );
}

import { useEffect } from 'react';
import { startConnectionUpdates, useSubscriptions } from '../store/subscriptions';

/** Status bar: which Maximizer the app manages. */
export function ConnectionStatusItem() {
  const connection = useSubscriptions((s) => s.connection);
  useEffect(() => startConnectionUpdates(), []);
  if (!connection) return null;
  return (
    <span className={`sb-item ${connection.connected ? 'ok' : connection.error ? 'bad' : ''}`} title={connection.error?.message ?? connection.baseUrl ?? ''} data-testid="connection-status">
      <span className="dot" /> {connection.label}
    </span>
  );
}

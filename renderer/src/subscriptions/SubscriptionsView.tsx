import { ConnectionsPanel } from '../connection/ConnectionsPanel';
import { FilterBuilder } from './FilterBuilder';
import { Lists } from './Lists';
import { SandboxControls } from './SandboxControls';
import { SubscriptionGrid } from './SubscriptionGrid';
import { useConnection, useLists } from '../store/subscriptions';

export function SubscriptionsView() {
  const connection = useConnection()?.connection;
  const connected = connection?.connected;
  const hasTarget = !!connection?.targetId;
  const { loadError } = useLists();
  return (
    <div className="subscriptions">
      <ConnectionsPanel />
      {loadError && <p className="error">{loadError}</p>}
      {connected && (
        <>
          <SandboxControls />
          {hasTarget && <SubscriptionGrid />}
          {hasTarget && <FilterBuilder />}
          <Lists />
        </>
      )}
    </div>
  );
}

/** Status bar: which Maximizer the app manages. */
export function ConnectionStatusItem() {
  const connection = useConnection()?.connection;
  if (!connection) return null;
  return (
    <span className={`sb-item ${connection.connected ? 'ok' : connection.error ? 'bad' : ''}`} title={connection.error?.message ?? connection.baseUrl ?? ''} data-testid="connection-status">
      <span className="dot" /> {connection.label}
    </span>
  );
}

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

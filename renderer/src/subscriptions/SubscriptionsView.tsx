import { useEffect } from 'react';
import { ConnectionsPanel } from '../connection/ConnectionsPanel';
import { FilterBuilder } from './FilterBuilder';
import { Lists } from './Lists';
import { SandboxControls } from './SandboxControls';
import { SubscriptionGrid } from './SubscriptionGrid';
import { startConnectionUpdates, useSubscriptions } from '../store/subscriptions';

export function SubscriptionsView() {
  const connected = useSubscriptions((s) => s.connection?.connected);
  const hasTarget = useSubscriptions((s) => !!s.connection?.targetId);
  const loadError = useSubscriptions((s) => s.loadError);
  useEffect(() => startConnectionUpdates(), []);
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


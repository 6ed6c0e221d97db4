import { errorText } from '../errors';
import { DeliveryTable } from './DeliveryView';
import { RulesPanel } from './RulesPanel';
import { SimulationPanel } from './SimulationPanel';
import { TestEventPanel } from './TestEventPanel';
import { TransferPanel } from './TransferPanel';
import { useForwardingLog, useForwarding } from '../store/forwarding';
import './forwarding.css';

/** The Forwarding tab: rules, the delivery log with Maximizer's verdicts, test events, response simulation, export/import. */
export function ForwardingView() {
  const log = useForwardingLog();
  const deliveries = log.data ?? [];
  const loadError = useForwarding((s) => s.error);
  const error = loadError ?? (log.error ? errorText(log.error) : null);
  return (
    <div className="fw-view" data-testid="forwarding-view">
      {error && <div className="banner banner-error">Could not load forwarding: {error}</div>}
      <div className="fw-columns">
        <div className="fw-column">
          <RulesPanel />
          <TestEventPanel />
        </div>
        <div className="fw-column">
          <SimulationPanel />
          <TransferPanel />
        </div>
      </div>
      <section className="fw-panel fw-log">
        <h3>Deliveries</h3>
        <p className="muted small">
          Forwards, replays and test sends, newest first. A handler that answers anything but 200, or takes longer than 2 s, is flagged: Maximizer would retry
          it, and after 3 failed attempts drop the webhook. Click a row for the handler’s answers.
        </p>
        {deliveries.length ? <DeliveryTable deliveries={deliveries} testId="delivery-log" /> : <p className="muted small">Nothing sent yet.</p>}
      </section>
    </div>
  );
}

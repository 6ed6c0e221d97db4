import { goToSection } from '../shell/route';
import { simulating, useForwarding } from '../store/forwarding';

/** Status bar: active forward rules, and a warning while the receiver simulates failures. */
export function ForwardingStatus() {
  const enabled = useForwarding((s) => s.rules.filter((r) => r.enabled).length);
  const response = useForwarding((s) => s.response);
  const sim = simulating(response);
  if (!enabled && !sim) return null;
  return (
    <button type="button" className="sb-button sb-item" onClick={() => goToSection('forwarding')} title="Open Forwarding" data-testid="forwarding-status">
      {enabled > 0 && <span>→ forwarding ({enabled})</span>}
      {sim && <span className="warn-text">receiver answers {response.failNext > 0 ? `${response.failStatus} ×${response.failNext}` : response.status}</span>}
    </button>
  );
}

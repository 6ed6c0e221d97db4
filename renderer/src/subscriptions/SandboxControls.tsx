import { api } from '../api';
import { toast } from '../common/toast';
import { useSubscriptions } from './store';

/** Sandbox only: send one event of a kind now. */
export function SandboxControls() {
  const connection = useSubscriptions((s) => s.connection);
  if (connection?.kind !== 'sandbox') return null;
  return (
    <section className="sub-card">
      <h3>Sandbox: trigger one now</h3>
      <div className="form-row wrap">
        {connection.sandboxKinds.map((kind) => (
          <button key={kind} className="btn btn-sm" type="button" onClick={() => void api.sandboxGenerate({ kind }).catch((e: Error) => toast(e.message, 'error'))} data-testid={`trigger-${kind}`}>
            {kind}
          </button>
        ))}
      </div>
      <p className="muted small">It delivers only to subscribed Entity × Op pairs, as Maximizer would, with its retry rules.</p>
    </section>
  );
}

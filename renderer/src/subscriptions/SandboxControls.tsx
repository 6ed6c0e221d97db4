import { SANDBOX_MAX_RATE } from '@shared/limits';
import { useEffect, useState } from 'react';
import { toast } from '../common/toast';
import { useConnection, useSubscriptions } from '../store/subscriptions';
import { reportError } from '../errors';

/** Sandbox only: send one event of a kind now, and set how many it generates per minute. */
export function SandboxControls() {
  const connection = useConnection()?.connection;
  const change = useSubscriptions((s) => s.change);
  const [rate, setRate] = useState('');
  useEffect(() => setRate(String(connection?.sandboxRate ?? '')), [connection?.sandboxRate]);
  if (connection?.kind !== 'sandbox') return null;
  const applyRate = () => {
    const perMinute = Number(rate);
    if (!Number.isFinite(perMinute) || perMinute < 0 || perMinute > SANDBOX_MAX_RATE)
      return toast(`Events per minute: a number from 0 to ${SANDBOX_MAX_RATE}`, 'error');
    void change('sandboxSetRate', { perMinute }).then(
      () => toast(perMinute === 0 ? 'The sandbox now sends events only when you trigger them' : `The sandbox now sends about ${perMinute} events per minute`),
      (e: unknown) => reportError(e),
    );
  };
  return (
    <section className="sub-card">
      <h3>Sandbox: trigger one now</h3>
      <div className="form-row wrap">
        {connection.sandboxKinds.map((kind) => (
          <button
            key={kind}
            className="btn btn-sm"
            type="button"
            onClick={() => void change('sandboxGenerate', { kind }).catch((e: unknown) => reportError(e))}
            data-testid={`trigger-${kind}`}
          >
            {kind}
          </button>
        ))}
      </div>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          applyRate();
        }}
      >
        <label className="small">
          Generated events per minute{' '}
          <input
            type="number"
            min={0}
            max={SANDBOX_MAX_RATE}
            step={1}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            style={{ width: 70 }}
            data-testid="sandbox-rate"
          />
        </label>
        <button className="btn btn-sm" type="submit">
          Set
        </button>
        <span className="muted small">0 = only when you trigger one</span>
      </form>
      <p className="muted small">It delivers only to subscribed Entity × Op pairs, as Maximizer would, with its retry rules.</p>
    </section>
  );
}

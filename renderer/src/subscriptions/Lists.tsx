import { api } from '../api';
import { toast } from '../common/toast';
import { useSubscriptions } from './store';

/** Every target ("n / 10") and every subscription; other targets' are read-only. */
export function Lists() {
  const { targets, targetLimit, subscriptions, connection, refresh } = useSubscriptions();
  const act = (action: Promise<unknown>) => action.then(() => refresh(), (e: Error) => toast(e.message, 'error'));
  return (
    <>
      <section className="sub-card">
        <h3>
          Targets <span className="muted">{targets.length} / {targetLimit}</span>
        </h3>
        {targets.length >= targetLimit && <p className="error">The limit of {targetLimit} targets is reached: delete one you no longer use, or reuse it.</p>}
        <table className="sub-table">
          <tbody>
            {targets.map((t) => (
              <tr key={t.targetId}>
                <td>{t.own ? <strong>{t.name} (this app)</strong> : t.name}</td>
                <td className="muted small">{t.url?.replace(/secret=[^&]+/, 'secret=…')}</td>
                <td>
                  <label>
                    <input type="checkbox" checked={t.enabled} onChange={(e) => void act(api.setTargetEnabled({ targetId: t.targetId, enabled: e.target.checked }))} /> enabled
                  </label>
                </td>
                <td>
                  {!t.own && (
                    <button
                      className="btn btn-sm btn-danger"
                      type="button"
                      onClick={() => {
                        if (window.confirm(`Delete target "${t.name}" and its subscriptions at ${connection?.label}?`)) void act(api.deleteTarget({ targetId: t.targetId }));
                      }}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="sub-card">
        <h3>All subscriptions</h3>
        <table className="sub-table" data-testid="subscription-list">
          <tbody>
            {subscriptions.map((s) => (
              <tr key={s.subscriptionId}>
                <td>
                  {s.entity} × {s.op}
                </td>
                <td>
                  <code className="small">{s.filter.join(' AND ') || 'no filter'}</code>
                </td>
                <td className="muted small">{s.own ? 'this app' : 'another target (read-only)'}</td>
                <td>
                  {s.own && (
                    <button className="btn btn-sm" type="button" onClick={() => void act(api.unsubscribe({ subscriptionId: s.subscriptionId }))} data-testid={`unsubscribe-${s.entity}-${s.op}`}>
                      Unsubscribe
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

import { useState } from 'react';
import { api } from '../api';
import { toast } from '../common/toast';
import { useSubscriptions } from './store';

const CLOUD = 'https://api.maximizer.com/webhooks';

/** Base URL + token → "Test connection": lists targets and explains a failure in plain words. */
export function ConnectionCard() {
  const connection = useSubscriptions((s) => s.connection);
  const [baseUrl, setBaseUrl] = useState(CLOUD);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setToken('');
      await useSubscriptions.getState().refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="sub-card" data-testid="connection-card">
      <h3>
        Connection:{' '}
        <span data-testid="connection-label" className={connection?.connected ? 'ok' : 'bad'}>
          {connection ? `${connection.label}${connection.connected ? ' · connected' : ''}` : '…'}
        </span>
      </h3>
      {connection?.kind === 'sandbox' && (
        <p className="muted small">
          The built-in <strong>Sandbox</strong> emulates Maximizer's Webhooks API on this machine and sends realistic CRM events. Connect a
          real CRM below when you are ready.
        </p>
      )}
      {connection?.targetUrl && (
        <p className="muted small">
          This app's target points at <code>{connection.targetUrl.replace(/secret=[^&]+/, 'secret=…')}</code>
        </p>
      )}
      {connection?.error && <p className="error">{connection.error.message}</p>}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.connect({ baseUrl, token }));
        }}
      >
        <label className="form-row">
          <span className="label">Webhooks API</span>
          <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} size={44} data-testid="connect-base-url" />
        </label>
        <label className="form-row">
          <span className="label">Token</span>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} size={44} placeholder="PAT, OAuth, Octopus or Ferret token" data-testid="connect-token" autoComplete="off" />
        </label>
        <div className="form-row">
          <span className="label" />
          <button className="btn btn-primary" type="submit" disabled={busy || !token} data-testid="connect-submit">
            {busy ? 'Connecting…' : 'Test & connect'}
          </button>
          <button className="btn" type="button" disabled={busy} onClick={() => void run(() => api.connectSandbox())} data-testid="use-sandbox">
            Use the sandbox
          </button>
          {connection?.connected && connection.kind === 'maximizer' && (
            <button className="btn btn-ghost" type="button" onClick={() => void run(() => api.disconnect()).then(() => toast('Disconnected; the token is forgotten'))}>
              Disconnect
            </button>
          )}
        </div>
        <p className="muted small">
          The token is sent only to this API as <code>Authorization: Bearer</code>, never shown again, never logged and never stored with deliveries.
          {connection?.tokenStorage ? ` It is kept in ${connection.tokenStorage}.` : ''}
        </p>
        {error && (
          <p className="error" data-testid="connection-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

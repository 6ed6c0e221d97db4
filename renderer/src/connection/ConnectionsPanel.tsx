import { useState } from 'react';
import type { ConnectionTest, TokenKind } from '@shared/contract';
import { toast } from '../common/toast';
import { useConnection, useSubscriptions } from '../store/subscriptions';
import { errorText } from '../errors';
import { AssumptionNote } from '../common/AssumptionNote';
import { confirmDialog } from '../ui/confirm';

const CLOUD = 'https://api.maximizer.com/webhooks';

/** A target URL on this computer cannot be reached from Maximizer's cloud. */
const isLocal = (url: string | null) => !!url && /^https?:\/\/(127\.|localhost|\[::1\])/i.test(url);

/**
 * Saved connections (the built-in sandbox always first, one active) and a form to add one:
 * base URL + token → "Test" (lists targets, changes nothing) or "Save & connect".
 */
export function ConnectionsPanel() {
  const current = useConnection();
  const connection = current?.connection ?? null;
  const connections = current?.connections ?? [];
  const tokenStorage = current?.tokenStorage ?? '';
  const change = useSubscriptions((s) => s.change);
  const [baseUrl, setBaseUrl] = useState(CLOUD);
  const [label, setLabel] = useState('');
  const [token, setToken] = useState('');
  const [tokenKind, setTokenKind] = useState<TokenKind>('unknown');
  const kindInput = tokenKind === 'unknown' ? {} : { tokenKind };
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tested, setTested] = useState<ConnectionTest | null>(null);

  const run = async (what: string, action: () => Promise<unknown>, after?: () => void) => {
    setBusy(what);
    setError(null);
    try {
      await action();
      after?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const connectForm = () =>
    run(
      'connect',
      () => change('connect', { baseUrl, token, ...kindInput, ...(label.trim() && { label: label.trim() }) }),
      () => {
        setToken('');
        setTested(null);
      },
    );
  const test = () =>
    run('test', async () => {
      setTested(null);
      setTested(await change('testConnection', { baseUrl, token, ...kindInput }));
    });

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
          The built-in <strong>Sandbox</strong> emulates Maximizer's Webhooks API on this machine and sends realistic CRM events. Add a real CRM below when you
          are ready; the sandbox stays available.
        </p>
      )}
      {connection?.targetUrl && (
        <p className="muted small">
          This app's target points at <code>{connection.targetUrl.replace(/secret=[^&]+/, 'secret=…')}</code>
        </p>
      )}
      {connection?.kind === 'maximizer' && connection.connected && isLocal(connection.targetUrl) && (
        <p className="error small" data-testid="local-url-warning">
          That address is on this computer: Maximizer's cloud cannot reach it. Turn the tunnel on (status bar) and the target follows its public URL.
        </p>
      )}
      {connection?.error && (
        <p className="error" data-testid="connection-status-error">
          {connection.error.message}
          {connection.error.assumption && <AssumptionNote point={connection.error.assumption} />}
        </p>
      )}

      <table className="sub-table" data-testid="saved-connections">
        <tbody>
          {connections.map((c) => (
            <tr key={c.id} data-testid={`saved-${c.label}`}>
              <td>
                <label>
                  <input
                    type="radio"
                    name="active-connection"
                    checked={busy?.startsWith('select-') ? busy === `select-${c.id}` : c.active}
                    disabled={busy !== null}
                    onChange={() => void run(`select-${c.id}`, () => change('selectConnection', { id: c.id }))}
                    data-testid={c.kind === 'sandbox' ? 'use-sandbox' : `select-${c.label}`}
                  />{' '}
                  <strong>{c.label}</strong>
                </label>
              </td>
              <td className="muted small">{c.kind === 'sandbox' ? 'built in, on this computer' : c.baseUrl}</td>
              <td className="small">{c.kind === 'maximizer' && !c.hasToken && <span className="error">token missing: connect again</span>}</td>
              <td>
                {busy === `select-${c.id}` && <span className="muted small">connecting…</span>}
                {c.kind === 'maximizer' && (
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost"
                    disabled={busy !== null}
                    onClick={async () => {
                      const ok = await confirmDialog({
                        title: `Forget "${c.label}"?`,
                        body: 'Its token is removed from this computer. Its target and subscriptions at Maximizer are left as they are.',
                        confirm: 'Forget',
                        danger: true,
                      });
                      if (ok) void run(`forget-${c.id}`, () => change('forgetConnection', { id: c.id }).then(() => toast(`Forgot "${c.label}"`)));
                    }}
                  >
                    Forget
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* Below the list, so it coming and going never moves the radio buttons under a click. */}
      {connection?.kind === 'maximizer' && connection.connected && connection.token && (
        <p className={`small ${connection.token.shortLived ? 'warn' : 'muted'}`} data-testid="connection-token-note">
          {connection.token.note}
        </p>
      )}
      {connection?.connected && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={busy !== null}
          onClick={() => void run('disconnect', () => change('disconnect', undefined))}
        >
          Stop managing webhooks
        </button>
      )}

      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void connectForm();
        }}
      >
        <h3>Add a Maximizer connection</h3>
        <label className="form-row">
          <span className="label">Webhooks API</span>
          <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} size={44} data-testid="connect-base-url" />
        </label>
        <label className="form-row">
          <span className="label">Token</span>
          <input
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            size={44}
            placeholder="PAT, OAuth, Octopus or Ferret token"
            data-testid="connect-token"
            autoComplete="off"
          />
        </label>
        <label className="form-row">
          <span className="label">Token kind</span>
          <select value={tokenKind} onChange={(e) => setTokenKind(e.target.value as TokenKind)} data-testid="connect-token-kind">
            <option value="unknown">Read it from the token</option>
            <option value="pat">Personal Access Token (lasts)</option>
            <option value="octopus">Octopus token (10 min after last use)</option>
            <option value="ferret">Ferret token (about 2 min)</option>
            <option value="oauth">OAuth token</option>
          </select>
        </label>
        <label className="form-row">
          <span className="label">Name (optional)</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} size={28} placeholder="e.g. Production CRM" data-testid="connect-label" />
        </label>
        <div className="form-row">
          <span className="label" />
          <button className="btn" type="button" disabled={busy !== null || !token} onClick={() => void test()} data-testid="connect-test">
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button className="btn btn-primary" type="submit" disabled={busy !== null || !token} data-testid="connect-submit">
            {busy === 'connect' ? 'Connecting…' : 'Save & connect'}
          </button>
        </div>
        {tested && (
          <p className={tested.ok ? 'ok' : 'error'} data-testid="connection-test-result">
            {tested.message}
            {tested.assumption && <AssumptionNote point={tested.assumption} />}
          </p>
        )}
        {tested?.token && (
          <p className={`small ${tested.token.shortLived ? 'warn' : 'muted'}`} data-testid="connection-test-token">
            {tested.token.note}
          </p>
        )}
        {error && (
          <p className="error" data-testid="connection-error">
            {error}
          </p>
        )}
        <p className="muted small">
          The token is sent only to this API, as <code>Authorization: Bearer</code>. It is never shown again, never logged and never stored with deliveries; it
          is kept in {tokenStorage || 'the data folder'}. A connection with the same name is replaced.
        </p>
      </form>
    </section>
  );
}

import { useState } from 'react';
import { DEFAULT_TUNNEL_HOST } from '@shared/tunnel';
import { useTunnel } from '../store/tunnel';
import { reportError } from '../errors';
import { Checkbox } from '../ui/Checkbox';

/** Tunnel on/off, server and subdomain: what decides the public URL Maximizer posts to. */
export function TunnelSettings() {
  const tunnel = useTunnel((s) => s.tunnel);
  const [host, setHost] = useState<string | null>(null);
  const [subdomain, setSubdomain] = useState<string | null>(null);
  if (!tunnel) return <p className="muted">Loading…</p>;
  const apply = async (change: { enabled?: boolean; host?: string; subdomain?: string }) => {
    try {
      await useTunnel.getState().configure(change);
      setHost(null);
      setSubdomain(null);
    } catch (error) {
      reportError(error);
    }
  };
  // Saved as on, but this run was started without a tunnel (--no-tunnel): the box shows what is true now.
  const offForThisRun = tunnel.enabled && tunnel.state === 'disabled';
  const on = tunnel.enabled && !offForThisRun;
  const state =
    tunnel.state === 'online' ? (
      <code>{tunnel.publicUrl}</code>
    ) : offForThisRun ? (
      `On in your settings, off for this run${tunnel.reason ? ` — ${tunnel.reason.replace(/^turned off for this run\s*/i, '')}` : ''}`
    ) : (
      (tunnel.reason ?? tunnel.lastError ?? tunnel.state)
    );
  return (
    <div className="form">
      <div className="form-row">
        <span className="label">Public URL</span>
        <Checkbox
          checked={on}
          disabled={offForThisRun}
          onChange={(enabled) => void apply({ enabled })}
          label={
            <span className="muted small" data-testid="tunnel-state">
              {state}
            </span>
          }
          testId="tunnel-enabled"
        />
      </div>
      <div className="form-row">
        <label className="label" htmlFor="tunnel-host">
          Tunnel server
        </label>
        <div className="form-field">
          <div className="input-with-button">
            <input id="tunnel-host" type="url" value={host ?? tunnel.host} onChange={(e) => setHost(e.target.value)} placeholder={DEFAULT_TUNNEL_HOST} />
            <button type="button" className="btn" disabled={host === null || host === tunnel.host} onClick={() => void apply({ host: host ?? undefined })}>
              Use
            </button>
          </div>
          <span className="hint">
            The public localtunnel service, or your own (<code>npm run tunnel-server</code>).
          </span>
        </div>
      </div>
      <div className="form-row">
        <label className="label" htmlFor="tunnel-subdomain">
          Subdomain
        </label>
        <div className="form-field">
          <div className="input-with-button">
            <input id="tunnel-subdomain" type="text" value={subdomain ?? tunnel.subdomain} onChange={(e) => setSubdomain(e.target.value)} />
            <button
              type="button"
              className="btn"
              disabled={subdomain === null || subdomain === tunnel.subdomain}
              onClick={() => void apply({ subdomain: subdomain ?? undefined })}
            >
              Use
            </button>
          </div>
          <span className="hint">Requested on every connect, so the URL Maximizer holds stays the same.</span>
        </div>
      </div>
      <div className="form-row">
        <span className="label" />
        <div className="form-field">
          <div>
            <button
              type="button"
              className="btn"
              disabled={offForThisRun || !tunnel.enabled}
              onClick={() =>
                void useTunnel
                  .getState()
                  .reconnect()
                  .catch((e: unknown) => reportError(e))
              }
              data-testid="tunnel-reconnect"
            >
              Reconnect now
            </button>
          </div>
          <span className="hint">loca.lt shows a reminder page to browsers only; Maximizer and the app's own health probe are not affected.</span>
        </div>
      </div>
    </div>
  );
}

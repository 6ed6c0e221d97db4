import { useState } from 'react';
import { DEFAULT_TUNNEL_HOST } from '@shared/tunnel';
import { api } from '../api';
import { useTunnel } from '../store/tunnel';
import { reportError } from '../errors';

/** Tunnel on/off, server and subdomain: what decides the public URL Maximizer posts to. */
export function TunnelSettings() {
  const tunnel = useTunnel((s) => s.tunnel);
  const [host, setHost] = useState<string | null>(null);
  const [subdomain, setSubdomain] = useState<string | null>(null);
  if (!tunnel) return <p className="muted">Loading…</p>;
  const apply = async (change: { enabled?: boolean; host?: string; subdomain?: string }) => {
    try {
      useTunnel.setState({ tunnel: await api.setTunnel(change) });
      setHost(null);
      setSubdomain(null);
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div className="form">
      <label className="form-row">
        <span className="label">Public URL</span>
        <input type="checkbox" checked={tunnel.enabled} onChange={(e) => void apply({ enabled: e.target.checked })} data-testid="tunnel-enabled" />
        <span className="muted small">
          {tunnel.state === 'online' ? <code>{tunnel.publicUrl}</code> : tunnel.reason ?? tunnel.lastError ?? tunnel.state}
        </span>
      </label>
      <label className="form-row">
        <span className="label">Tunnel server</span>
        <input value={host ?? tunnel.host} onChange={(e) => setHost(e.target.value)} placeholder={DEFAULT_TUNNEL_HOST} size={40} />
        <button type="button" disabled={host === null || host === tunnel.host} onClick={() => void apply({ host: host ?? undefined })}>
          Use
        </button>
        <span className="muted small">The public localtunnel service, or your own (`npm run tunnel-server`).</span>
      </label>
      <label className="form-row">
        <span className="label">Subdomain</span>
        <input value={subdomain ?? tunnel.subdomain} onChange={(e) => setSubdomain(e.target.value)} size={28} />
        <button type="button" disabled={subdomain === null || subdomain === tunnel.subdomain} onClick={() => void apply({ subdomain: subdomain ?? undefined })}>
          Use
        </button>
        <span className="muted small">Requested on every connect, so the URL Maximizer holds stays the same.</span>
      </label>
      <div className="form-row">
        <span className="label" />
        <button type="button" onClick={() => void api.reconnectTunnel().then((t) => useTunnel.setState({ tunnel: t }))} data-testid="tunnel-reconnect">
          Reconnect now
        </button>
        <span className="muted small">
          loca.lt shows a reminder page to browsers only; Maximizer and the app's own health probe are not affected.
        </span>
      </div>
    </div>
  );
}

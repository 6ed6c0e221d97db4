import { useEffect, useState } from 'react';
import { CopyButton } from '../common/CopyButton';
import { useTunnel } from '../store/tunnel';

/** Seconds until `at`, ticking, for "retry in 4 s". */
function useCountdown(at: number | undefined): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!at) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [at]);
  return at ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** The public URL's health, in the status bar: the first thing to check when webhooks stop arriving. */
export function TunnelStatus() {
  const tunnel = useTunnel((s) => s.tunnel);
  const retryIn = useCountdown(tunnel?.state === 'reconnecting' ? tunnel.nextRetryAt : undefined);
  if (!tunnel) return null;
  const { state } = tunnel;
  const tone = state === 'online' ? 'ok' : state === 'reconnecting' || state === 'connecting' ? 'warn' : state === 'offline' ? 'bad' : '';
  let text: string;
  let title: string;
  switch (state) {
    case 'online':
      text = `Tunnel ${tunnel.publicUrl?.replace(/^https?:\/\//, '') ?? ''}`;
      title = `Public URL, reachable by Maximizer:\n${tunnel.publicUrl}`;
      break;
    case 'connecting':
      text = 'Tunnel connecting…';
      title = `Opening a tunnel through ${tunnel.host}`;
      break;
    case 'reconnecting':
      text = `Tunnel reconnecting${tunnel.attempt ? ` (attempt ${tunnel.attempt}${retryIn ? `, next in ${retryIn} s` : ''})` : '…'}`;
      title = `The tunnel dropped: ${tunnel.lastError ?? 'connection lost'}. Deliveries wait at Maximizer (it retries twice) until it is back.`;
      break;
    case 'offline':
      text = 'Tunnel offline';
      title = tunnel.reason ?? 'The tunnel cannot be opened.';
      break;
    default:
      text = 'Tunnel off';
      title = tunnel.reason ?? 'No public URL: Maximizer cannot reach this machine. Turn the tunnel on in Settings.';
  }
  return (
    <span className={`sb-item ${tone}`} title={title} data-testid="tunnel-status" data-state={state}>
      <span className="dot" /> {text}
      {state === 'online' && tunnel.targetUrl && (
        <CopyButton text={tunnel.targetUrl} done="Copied the public target URL" title="Copy the public target URL (with secret)" />
      )}
    </span>
  );
}

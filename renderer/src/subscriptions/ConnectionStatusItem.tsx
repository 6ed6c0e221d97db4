import { useEffect, useState } from 'react';
import { clockTime } from '../common/format';
import { useConnection } from '../store/subscriptions';

/** Status bar: which Maximizer the app manages, and when its token will likely expire. */
export function ConnectionStatusItem() {
  const connection = useConnection()?.connection;
  if (!connection) return null;
  const token = connection.connected ? connection.token : null;
  return (
    <span
      className={`sb-item ${connection.connected ? 'ok' : connection.error ? 'bad' : ''}`}
      title={connection.error?.message ?? connection.baseUrl ?? ''}
      data-testid="connection-status"
    >
      <span className="dot" /> {connection.label}
      {token?.expiresAt != null && <TokenExpiry expiresAt={token.expiresAt} sliding={token.sliding} label={token.label} note={token.note} />}
    </span>
  );
}

/** "· token expires ~14:05" (or "expired"), re-rendered each 15 s so the warning appears without a reload. */
function TokenExpiry({ expiresAt, sliding, label, note }: { expiresAt: number; sliding: boolean; label: string; note: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const when = clockTime(expiresAt).slice(0, 5);
  const expired = expiresAt <= now;
  return (
    <span className={expired ? 'bad' : expiresAt - now < 5 * 60_000 ? 'warn' : 'muted'} title={`${label}. ${note}`} data-testid="token-expiry">
      {' '}
      · {expired ? `token likely expired at ${when}` : `token likely expires ${sliding ? 'from' : 'at'} ${when}`}
    </span>
  );
}

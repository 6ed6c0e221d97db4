import { useEffect, useState } from 'react';
import { useStatus } from '../store/status';
import { useEvents } from '../store/events';
import { useNotify } from '../notifications/notify';
import { CopyButton } from '../common/CopyButton';
import { Icon } from '../common/Icon';
import { clockTime, count, fullTime, plural } from '../common/format';
import { toast } from '../common/toast';
import { confirmDialog } from '../ui/confirm';
import { reportError } from '../errors';

/** Whether live events reach this window. */
export function StreamStatus() {
  const connected = useStatus((s) => s.connected);
  return (
    <span className={`sb-item ${connected ? 'ok' : 'bad'}`} title={connected ? 'Live updates connected' : 'Live updates disconnected: reconnecting…'}>
      <span className="dot" /> {connected ? 'Live' : 'Reconnecting…'}
    </span>
  );
}

export function ReceiverStatus() {
  const receiver = useStatus((s) => s.status?.receiver);
  if (!receiver) return null;
  return (
    <span className="sb-item" title={`Webhook target on this machine:\n${receiver.localUrl}`}>
      Receiver 127.0.0.1:{receiver.port}
      <CopyButton text={receiver.localUrl} done="Copied the receiver URL" title="Copy the receiver URL (with secret)" />
      <button
        type="button"
        className="link"
        onClick={() => void rotateSecret()}
        title="Make a new receiver secret (the old one keeps working for 15 minutes)"
        data-testid="rotate-secret"
      >
        Rotate secret
      </button>
      {receiver.restarts > 0 && (
        <span
          className="warn"
          data-testid="receiver-restarts"
          title={receiver.lastRestart ? `Last restart ${fullTime(receiver.lastRestart.at)}: ${receiver.lastRestart.reason}` : undefined}
        >
          · restarted {count(receiver.restarts)}×
        </span>
      )}
    </span>
  );
}

async function rotateSecret(): Promise<void> {
  const ok = await confirmDialog({
    title: 'Make a new receiver secret?',
    body: "The app's own Maximizer target is updated to send it; URLs you pasted elsewhere by hand keep working for 15 minutes only.",
    confirm: 'Rotate secret',
  });
  if (!ok) return;
  try {
    const receiver = await useStatus.getState().rotateSecret();
    const until = receiver.previousSecretUntil ? ` until ${clockTime(receiver.previousSecretUntil)}` : '';
    toast(`New receiver secret. The previous one is still accepted${until}.`);
  } catch (error) {
    reportError(error, 'Could not rotate the secret');
  }
}

export function EventCounts() {
  const counts = useStatus((s) => s.status?.counts);
  const setView = useEvents((s) => s.setView);
  if (!counts) return null;
  return (
    <span className="sb-item">
      {plural(counts.events, 'event')}
      {counts.rejected > 0 && (
        <button type="button" className="link sb-rejected" onClick={() => setView('rejected')} title="Show rejected requests">
          · {count(counts.rejected)} rejected
        </button>
      )}
    </span>
  );
}

/** The live list is only worth a warning once it is this far behind (a burst is indexed within moments). */
const LAG_SHOWN_MS = 2000;

/** "indexing N behind": acknowledged webhooks not yet in the list, once the oldest has waited over 2 s. */
export function IndexLag() {
  const pending = useStatus((s) => s.status?.counts.pending ?? 0);
  const oldest = useStatus((s) => s.status?.counts.oldestPendingAt ?? null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [pending]);
  if (!pending || oldest === null || now - oldest <= LAG_SHOWN_MS) return null;
  const seconds = Math.round((now - oldest) / 1000);
  return (
    <span
      className="sb-item warn"
      data-testid="index-lag"
      title={`${plural(pending, 'acknowledged webhook')} stored but not listed yet; the oldest arrived ${seconds} s ago. They appear as the indexer catches up.`}
    >
      indexing {count(pending)} behind
    </span>
  );
}

export function LiveState() {
  const paused = useEvents((s) => s.paused);
  const pending = useEvents((s) => s.pending.length);
  if (!paused) return null;
  return <span className="sb-item warn">Paused · {count(pending)} waiting</span>;
}

export function NotifyToggle() {
  const { enabled, setEnabled } = useNotify();
  return (
    <button
      type="button"
      className={`sb-item sb-button ${enabled ? 'on' : ''}`}
      onClick={() => void setEnabled(!enabled)}
      title={enabled ? 'Desktop notifications on (while the window is in the background)' : 'Turn on desktop notifications for new webhooks'}
      data-testid="notify-toggle"
    >
      <Icon name="bell" /> {enabled ? 'Notify on' : 'Notify off'}
    </button>
  );
}

export function AppVersion() {
  const status = useStatus((s) => s.status);
  if (!status) return null;
  return (
    <span className="sb-item muted">
      v{status.version} · {status.mode}
    </span>
  );
}

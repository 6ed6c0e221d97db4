import { useStatus } from '../store/status';
import { maskSecretInUrl } from '@shared/secret-mask';
import { useEvents } from '../store/events';
import { CopyButton } from '../common/CopyButton';
import { Icon } from '../common/Icon';
import { goToSection } from '../shell/route';
import { afterFirstPaint } from '../shell/after-first-paint';
import { sendSample } from './send-sample';

const SampleMenu = afterFirstPaint(() => import('./SampleMenu').then((m) => m.SampleMenu));

const curlExample = (url: string) =>
  `curl -X POST '${url}' \\\n  -H 'Content-Type: application/json' \\\n  --data-binary '{"Id":"${'00000000-0000-4000-8000-000000000001'}","Entity":"Opportunity","Data":{"Op":"update","Original":{"Key":"T3Bwb3J0dW5pdHkJREVNTwkw","Stage":"Qualified"},"New":{"Key":"T3Bwb3J0dW5pdHkJREVNTwkw","Stage":"Proposal"},"Version":"1.1"}}'`;

/** First run: exactly what to do to see a webhook here. */
export function Welcome() {
  const receiver = useStatus((s) => s.status?.receiver);
  const connection = useStatus((s) => s.status?.connection);
  // The built-in sandbox generating events: the list will not stay empty for long, so say so.
  const sandboxRate = connection?.kind === 'sandbox' ? (connection.sandboxRate ?? 0) : 0;
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-icon">
        <Icon name="inbox" size={28} />
      </div>
      <h2>Waiting for the first webhook</h2>
      <p className="muted">Everything POSTed to the receiver shows up here the moment it is stored.</p>
      {sandboxRate > 0 && (
        <p className="sandbox-coming" role="status" data-testid="sandbox-coming">
          <Icon name="send" /> A sandbox event is on its way: the built-in sandbox sends about {sandboxRate} event{sandboxRate === 1 ? '' : 's'} a minute (one
          about every {Math.max(1, Math.round(60 / sandboxRate))} s). Set its rate in{' '}
          <button type="button" className="link" onClick={() => goToSection('subscriptions')}>
            Subscriptions
          </button>
          .
        </p>
      )}
      <ol className="steps">
        <li>
          <div className="step-title">Copy the receiver URL</div>
          {receiver ? (
            <div className="url-box">
              <code title="The secret is hidden here and included when you copy">{maskSecretInUrl(receiver.localUrl)}</code>
              <CopyButton text={receiver.localUrl} label="Copy" done="Copied the receiver URL" testId="empty-copy-url" />
            </div>
          ) : (
            <div className="muted">Starting the receiver…</div>
          )}
          <div className="muted small">
            Maximizer’s cloud needs a public address: set up a subscription in{' '}
            <button type="button" className="link" onClick={() => goToSection('subscriptions')}>
              Subscriptions
            </button>{' '}
            (it uses the tunnel), or POST to this URL from your own scripts.
          </div>
        </li>
        <li>
          <div className="step-title">Or send a sample event</div>
          <div className="sample-buttons">
            <button type="button" className="btn btn-primary" onClick={() => void sendSample('opportunity.stage')} data-testid="send-sample">
              <Icon name="send" /> Send a sample stage change
            </button>
            <button type="button" className="btn" onClick={() => void sendSample('lead.update')}>
              Lead update
            </button>
            <SampleMenu compact />
          </div>
        </li>
        {receiver && (
          <li>
            <div className="step-title">Or from a terminal</div>
            <div className="code-box">
              <pre>{curlExample(maskSecretInUrl(receiver.localUrl))}</pre>
              <CopyButton text={curlExample(receiver.localUrl)} done="Copied the cURL command" />
            </div>
          </li>
        )}
      </ol>
    </div>
  );
}

export function NoMatches() {
  const clearFilters = useEvents((s) => s.clearFilters);
  return (
    <div className="empty-state compact" data-testid="no-matches">
      <h3>No events match these filters</h3>
      <p className="muted">New events that match will appear here live.</p>
      <button type="button" className="btn" onClick={clearFilters}>
        <Icon name="x" /> Clear filters
      </button>
    </div>
  );
}

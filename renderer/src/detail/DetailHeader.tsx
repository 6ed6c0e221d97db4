import type { EventDetail } from '@shared/contract';
import { useEvents } from '../store/events';
import { Icon } from '../common/Icon';
import { CopyButton } from '../common/CopyButton';
import { bytes, fullTime } from '../common/format';
import { OpBadge } from '../events/OpBadge';
import { VersionBadge, VersionHistory } from '../versions/VersionBadge';
import { copyCurl, copyJson } from './actions';
import { ReplayActions } from '../forwarding/ReplayActions';
import { DeliveryTimes } from '../shapes/DeliveryTimes';

export function DetailHeader({ detail }: { detail: EventDetail }) {
  const close = useEvents((s) => s.close);
  return (
    <header className="detail-header">
      <div className="detail-title">
        <h2 data-testid="detail-entity">{detail.entity ?? 'Unparsed body'}</h2>
        {detail.parseError ? <span className="op op-error">parse error</span> : <OpBadge op={detail.op} />}
        {detail.version !== null && <VersionBadge version={detail.version} newMajor={detail.drift?.includes('new_major')} large />}
        <VersionHistory entity={detail.entity} />
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-sm" onClick={() => copyJson(detail)} title="Copy this event as pretty JSON" data-testid="copy-json">
          <Icon name="copy" /> JSON
        </button>
        <button type="button" className="btn btn-sm" onClick={() => copyCurl(detail)} title="Copy a cURL command that replays the exact body and headers to the local receiver" data-testid="copy-curl">
          <Icon name="terminal" /> cURL
        </button>
        <ReplayActions detail={detail} />
        <button type="button" className="btn btn-ghost btn-sm icon-only" onClick={close} title="Close (Esc)" aria-label="Close">
          <Icon name="x" />
        </button>
      </div>
      <dl className="meta">
        <div>
          <dt>Received</dt>
          <dd>{fullTime(detail.receivedAt)}</dd>
        </div>
        {detail.timestamp && (
          <div>
            <dt>Timestamp</dt>
            <dd className="mono" title="When Maximizer generated the event (raw, 7 fractional digits kept)">
              {detail.timestamp}
            </dd>
          </div>
        )}
        <DeliveryTimes detail={detail} />
        {detail.webhookId && (
          <div>
            <dt>Webhook Id</dt>
            <dd className="mono">
              {detail.webhookId}
              <CopyButton text={detail.webhookId} done="Copied the webhook Id" />
            </dd>
          </div>
        )}
        <div>
          <dt>Attempts</dt>
          <dd className={detail.attempts > 1 ? 'warn-text' : ''} title={detail.attempts > 1 ? 'Delivered more than once with the same webhook Id' : 'Delivered once'}>
            {detail.attempts}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{bytes(detail.size)}</dd>
        </div>
      </dl>
    </header>
  );
}

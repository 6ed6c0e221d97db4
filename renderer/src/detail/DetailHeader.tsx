import type { EventDetail } from '@shared/contract';
import { useEvents } from '../store/events';
import { Icon } from '../common/Icon';
import { CopyButton } from '../common/CopyButton';
import { bytes, fullTime } from '../common/format';
import { OpBadge } from '../events/OpBadge';
import { OriginBadge } from '../events/OriginBadge';
import { VersionBadge, VersionHistory } from '../versions/VersionBadge';
import { copyCurl, copyJson } from './actions';
import { ReplayActions } from '../forwarding/ReplayActions';
import { DeliveryTimes } from '../shapes/DeliveryTimes';
import { deleteEvents } from '../events/actions';
import { entityName } from '@shared/entities';

export function DetailHeader({ detail }: { detail: EventDetail }) {
  const close = useEvents((s) => s.close);
  return (
    <header className="detail-header">
      <div className="detail-title">
        <h2 data-testid="detail-entity" title={detail.entity ? `Entity "${detail.entity}" as sent` : undefined}>
          {detail.entity ? entityName(detail.entity) : 'Unparsed body'}
        </h2>
        {detail.parseError ? <span className="op op-error">parse error</span> : <OpBadge op={detail.op} />}
        {detail.indexError && (
          <span className="op op-error" title={detail.indexError}>
            index error
          </span>
        )}
        {detail.version !== null && <VersionBadge version={detail.version} newMajor={detail.drift?.includes('new_major')} large />}
        <OriginBadge origin={detail.origin} />
        <div className="toolbar-spacer" />
        <div className="detail-actions">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => copyJson(detail)}
            title="Copy this event as pretty JSON"
            aria-label="Copy JSON"
            data-testid="copy-json"
          >
            <Icon name="copy" /> <span className="btn-label">JSON</span>
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => copyCurl(detail)}
            title="Copy a cURL command that replays the exact body and headers to the local receiver"
            aria-label="Copy cURL"
            data-testid="copy-curl"
          >
            <Icon name="terminal" /> <span className="btn-label">cURL</span>
          </button>
          <ReplayActions detail={detail} />
          <button
            type="button"
            className="btn btn-sm btn-ghost icon-only"
            onClick={() => void deleteEvents([detail.id])}
            title="Delete this event (Delete)"
            aria-label="Delete this event"
            data-testid="delete-event"
          >
            <Icon name="trash" />
          </button>
          <button type="button" className="btn btn-ghost btn-sm icon-only" onClick={close} title="Close (Esc)" aria-label="Close">
            <Icon name="x" />
          </button>
        </div>
      </div>
      <dl className="meta">
        <div>
          <dt>{detail.origin === 'imported' ? 'Received (originally)' : 'Received'}</dt>
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
          <dd
            className={detail.attempts > 1 ? 'warn-text' : ''}
            title={detail.attempts > 1 ? 'Delivered more than once with the same webhook Id' : 'Delivered once'}
          >
            {detail.attempts}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{bytes(detail.size)}</dd>
        </div>
        <VersionHistory entity={detail.entity} />
      </dl>
    </header>
  );
}

import { useEvents } from '../store/events';
import { clockTime, fullTime } from '../common/format';

const EXPLAIN: Record<number, string> = {
  401: 'Missing or wrong secret: check the target URL or X-Inspector-Secret header',
  405: 'Not a POST',
  408: 'The client was too slow sending the body',
  413: 'Body over the size limit',
  429: 'Too many wrong secrets from this sender: answered without checking',
};

/** Requests the receiver refused: never stored as events, but a sender misconfiguration shows up here. */
export function RejectionList() {
  const rejections = useEvents((s) => s.rejections);
  if (!rejections.length)
    return (
      <div className="empty-state compact">
        <h3>No rejected requests</h3>
        <p className="muted">
          Requests with a wrong secret (401, or 429 when they keep coming), too large (413), not POST (405) or too slow (408) are listed here.
        </p>
      </div>
    );
  return (
    <div className="rejections" data-testid="rejection-list">
      <div className="row row-header rejection-row">
        <span>Received</span>
        <span>Status</span>
        <span>Reason</span>
        <span>Request</span>
        <span>From</span>
      </div>
      <div className="rejections-scroll">
        {rejections.map((r) => (
          <div key={r.id} className="row rejection-row" data-testid="rejection-row" title={EXPLAIN[r.status] ?? ''}>
            <span className="c-time" title={fullTime(r.receivedAt)}>
              {clockTime(r.receivedAt)}
            </span>
            <span>
              <span className="status-code status-bad">{r.status}</span>
            </span>
            <span className="ellipsis">{r.reason}</span>
            <span className="ellipsis mono">
              {r.method} {r.path}
            </span>
            <span className="ellipsis mono muted">{r.remoteAddress}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

import type { RawRequest } from '@shared/contract';
import { clockTime, delta, fullTime } from '../common/format';

/** Every delivery of the same webhook Id: Maximizer retries twice after a failure (CONTRACT §4). */
export function AttemptsTab({ requests, onShow }: { requests: RawRequest[]; onShow: (index: number) => void }) {
  const first = requests[0]?.receivedAt ?? 0;
  return (
    <div className="attempts" data-testid="attempts-tab">
      <p className="muted small">
        {requests.length > 1
          ? 'Maximizer sent this webhook more than once (same Id). Each delivery is kept as it arrived.'
          : 'Delivered once. Retries of the same webhook Id would be listed here.'}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>#</th>
            <th>Received</th>
            <th>After first</th>
            <th>Answer</th>
            <th>Ack</th>
            <th>From</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {requests.map((r, i) => (
            <tr key={r.id} data-testid="attempt-row">
              <td>{i + 1}</td>
              <td title={fullTime(r.receivedAt)}>{clockTime(r.receivedAt)}</td>
              <td>{i === 0 ? '—' : delta(r.receivedAt - first)}</td>
              <td>
                <span className={`status-code ${r.status === 200 ? 'status-ok' : 'status-bad'}`}>{r.status}</span>
              </td>
              <td>{r.ackAt === null ? '—' : `${r.ackAt - r.receivedAt} ms`}</td>
              <td className="mono muted">{r.remoteAddress}</td>
              <td>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => onShow(i)}>
                  View request
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

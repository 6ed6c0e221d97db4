import { useState } from 'react';
import type { ForwardAttempt, ForwardDelivery } from '@shared/contract';
import { clockTime, fullTime } from '../common/format';
import { useEvents } from '../store/events';
import { goToSection } from '../shell/route';

const KIND_LABEL: Record<ForwardDelivery['kind'], string> = { forward: 'Forward', replay: 'Replay', test: 'Test' };

/** One attempt as a compact chip: `200 · 12 ms`, `timeout`, `500`. */
export function AttemptChip({ attempt }: { attempt: ForwardAttempt }) {
  const text =
    attempt.outcome === 'timeout'
      ? `timeout${attempt.status !== null ? ` (${attempt.status} after ${Math.round(attempt.latencyMs ?? 0)} ms)` : ''}`
      : attempt.outcome === 'error'
        ? 'no answer'
        : `${attempt.status} · ${Math.round(attempt.latencyMs ?? 0)} ms`;
  return (
    <span
      className={`fw-attempt fw-attempt-${attempt.outcome}`}
      title={attempt.reason ?? 'Delivered: 200 within 2 s'}
      data-testid="attempt-chip"
      data-outcome={attempt.outcome}
    >
      {attempt.attempt}: {text}
    </span>
  );
}

export function FlagBadge({ delivery }: { delivery: ForwardDelivery }) {
  if (delivery.state === 'pending' && !delivery.flag) return <span className="fw-flag fw-flag-pending">sending</span>;
  if (delivery.flag === 'drop') return <span className="fw-flag fw-flag-drop">would drop</span>;
  if (delivery.flag === 'retry') return <span className="fw-flag fw-flag-retry">would retry</span>;
  if (delivery.state === 'cancelled') return <span className="fw-flag">cancelled</span>;
  return <span className="fw-flag fw-flag-ok">200</span>;
}

function AttemptDetail({ attempt }: { attempt: ForwardAttempt }) {
  return (
    <div className="fw-attempt-detail">
      <div className="small">
        <strong>Attempt {attempt.attempt}</strong> at {fullTime(attempt.startedAt)} · {attempt.status !== null ? `answered ${attempt.status}` : 'no answer'}
        {attempt.latencyMs !== null && ` in ${Math.round(attempt.latencyMs)} ms`}
        {attempt.late && <span className="warn-text"> (after the 2 s deadline)</span>}
      </div>
      {attempt.reason && <div className="small error-text">{attempt.reason}</div>}
      {attempt.responseHeaders.length > 0 && <pre className="fw-pre small">{attempt.responseHeaders.map(([n, v]) => `${n}: ${v}`).join('\n')}</pre>}
      {attempt.responseSize > 0 && (
        <pre className="fw-pre small" data-testid="attempt-response-body">
          {attempt.responseBody}
          {attempt.responseTruncated && `\n… (${attempt.responseSize} bytes, first part shown)`}
        </pre>
      )}
    </div>
  );
}

/** A delivery row: when, what, where, each attempt, and Maximizer's verdict; expands to the handler's answers. */
export function DeliveryRow({ delivery, showEvent = true }: { delivery: ForwardDelivery; showEvent?: boolean }) {
  const [open, setOpen] = useState(false);
  const openEvent = useEvents((s) => s.open);
  return (
    <>
      <tr
        className={`fw-delivery ${delivery.flag ? `fw-delivery-${delivery.flag}` : ''}`}
        data-testid="delivery-row"
        data-state={delivery.state}
        data-flag={delivery.flag ?? ''}
        onClick={() => setOpen(!open)}
      >
        <td title={fullTime(delivery.createdAt)}>{clockTime(delivery.createdAt)}</td>
        <td>{KIND_LABEL[delivery.kind]}</td>
        <td className="mono ellipsis fw-url" title={delivery.url}>
          {delivery.url}
        </td>
        {showEvent && (
          <td>
            {delivery.eventIds.length > 0 ? (
              <button
                type="button"
                className="link"
                onClick={(e) => {
                  e.stopPropagation();
                  goToSection('events');
                  void openEvent(delivery.eventIds.at(-1)!);
                }}
              >
                #{delivery.eventIds.join(', #')}
              </button>
            ) : (
              <span className="muted">{delivery.webhookIds[0]?.slice(0, 8) ?? '—'}</span>
            )}
          </td>
        )}
        <td className="fw-attempts">
          {delivery.attempts.map((a) => (
            <AttemptChip key={a.attempt} attempt={a} />
          ))}
        </td>
        <td>
          <FlagBadge delivery={delivery} />
        </td>
        <td className="small fw-verdict" data-testid="delivery-verdict">
          {delivery.verdict}
        </td>
      </tr>
      {open && (
        <tr className="fw-delivery-open">
          <td colSpan={showEvent ? 7 : 6}>
            {delivery.attempts.length ? (
              delivery.attempts.map((a) => <AttemptDetail key={a.attempt} attempt={a} />)
            ) : (
              <span className="muted small">No attempt yet.</span>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

export function DeliveryTable({ deliveries, showEvent = true, testId }: { deliveries: ForwardDelivery[]; showEvent?: boolean; testId?: string }) {
  return (
    // Focusable so a keyboard user can scroll it sideways when it is wider than its pane.
    <div className="fw-table-scroll" tabIndex={0} role="region" aria-label="Forward deliveries">
      <table className="table fw-table" data-testid={testId}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Kind</th>
            <th>URL</th>
            {showEvent && <th>Event</th>}
            <th>Attempts</th>
            <th>Flag</th>
            <th>Maximizer verdict</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <DeliveryRow key={d.id} delivery={d} showEvent={showEvent} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

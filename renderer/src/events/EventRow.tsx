import { memo } from 'react';
import type { EventSummary } from '@shared/contract';
import { bytes, clockTime, dayLabel, fullTime } from '../common/format';
import { VersionBadge } from '../versions/VersionBadge';
import { OpBadge } from './OpBadge';
import { DriftBadge } from '../shapes/DriftBadge';

interface Props {
  event: EventSummary;
  cursor: boolean;
  open: boolean;
  start: number;
  index: number;
  onOpen: (id: number) => void;
}

/** One list row: cheap columns only, never the payload. */
export const EventRow = memo(function EventRow({ event: e, cursor, open, start, index, onOpen }: Props) {
  const day = dayLabel(e.receivedAt, Date.now());
  return (
    <div
      role="row"
      aria-selected={cursor}
      aria-rowindex={index + 1}
      className={`row ${cursor ? 'cursor' : ''} ${open ? 'open' : ''} ${e.parseError ? 'row-error' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      data-testid="event-row"
      data-id={e.id}
      onClick={() => onOpen(e.id)}
    >
      <span className="c-time" title={fullTime(e.receivedAt)}>
        {day && <span className="day">{day}</span>}
        {clockTime(e.receivedAt)}
      </span>
      <span className="c-entity" title={e.entity ?? 'no Entity'}>
        {e.entity ?? <span className="muted">—</span>}
      </span>
      <span className="c-op">{e.parseError ? <span className="op op-error">error</span> : <OpBadge op={e.op} />}</span>
      <span className="c-summary" title={e.parseError ?? e.summary}>
        <DriftBadge drift={e.drift} />
        {e.parseError ? <span className="error-text">⚠ {e.parseError}</span> : e.summary}
        {e.origin !== 'received' && <span className="tag">{e.origin}</span>}
      </span>
      <span className="c-version">{e.version !== null && <VersionBadge version={e.version} newMajor={e.drift?.includes('new_major')} />}</span>
      <span className={`c-attempts ${e.attempts > 1 ? 'retried' : ''}`} title={`${e.attempts} attempt${e.attempts === 1 ? '' : 's'} (same webhook Id)`}>
        {e.attempts > 1 ? `×${e.attempts}` : ''}
      </span>
      <span className="c-size">{bytes(e.size)}</span>
    </div>
  );
});

import { memo } from 'react';
import type { EventSummary } from '@shared/contract';
import { bytes, clockTime, dayLabel, fullTime } from '../common/format';
import { VersionBadge } from '../versions/VersionBadge';
import { OpBadge } from './OpBadge';
import { DriftBadge } from '../shapes/DriftBadge';
import { ORIGIN_HELP, OriginBadge } from './OriginBadge';
import { entityName } from '@shared/entities';

interface Props {
  event: EventSummary;
  cursor: boolean;
  open: boolean;
  selected: boolean;
  start: number;
  index: number;
  onClick: (id: number, modifiers: { toggle: boolean; extend: boolean }) => void;
}

/** One list row: cheap columns only, never the payload. */
export const EventRow = memo(function EventRow({ event: e, cursor, open, selected, start, index, onClick }: Props) {
  // What could not be parsed or indexed reads the same: the reason instead of the summary.
  const problem = e.parseError ?? e.indexError;
  const day = dayLabel(e.receivedAt, Date.now());
  return (
    <div
      role="row"
      aria-selected={selected || cursor}
      aria-rowindex={index + 1}
      className={`row ${cursor ? 'cursor' : ''} ${open ? 'open' : ''} ${selected ? 'selected' : ''} ${problem ? 'row-error' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      data-testid="event-row"
      data-id={e.id}
      data-selected={selected || undefined}
      onMouseDown={(ev) => ev.shiftKey && ev.preventDefault() /* no text selection on Shift-click */}
      onClick={(ev) => onClick(e.id, { toggle: ev.ctrlKey || ev.metaKey, extend: ev.shiftKey })}
    >
      <span
        role="gridcell"
        className="c-time"
        title={e.origin === 'imported' ? `${fullTime(e.receivedAt)} (originally received; imported later)` : fullTime(e.receivedAt)}
      >
        {day && <span className="day">{day}</span>}
        {clockTime(e.receivedAt)}
      </span>
      <span role="gridcell" className="c-entity" title={e.entity ? `Entity "${e.entity}" as sent` : 'no Entity'}>
        {e.entity ? entityName(e.entity) : <span className="muted">—</span>}
      </span>
      <span role="gridcell" className="c-op">
        {problem && !e.op ? <span className="op op-error">error</span> : <OpBadge op={e.op} />}
      </span>
      <span role="gridcell" className="c-summary" title={`${e.origin !== 'received' ? `[${ORIGIN_HELP[e.origin]}] ` : ''}${problem ?? e.summary}`}>
        {e.origin !== 'received' && <OriginBadge origin={e.origin} />}
        <DriftBadge drift={e.drift} />
        <span className="summary-text">
          {problem ? (
            <span className="error-text" data-testid="row-problem">
              ⚠ {problem}
            </span>
          ) : (
            e.summary
          )}
        </span>
      </span>
      <span role="gridcell" className="c-version">
        {e.version !== null && <VersionBadge version={e.version} newMajor={e.drift?.includes('new_major')} />}
      </span>
      <span
        role="gridcell"
        className={`c-attempts ${e.attempts > 1 ? 'retried' : ''}`}
        title={`${e.attempts} attempt${e.attempts === 1 ? '' : 's'} (same webhook Id)`}
      >
        {e.attempts > 1 ? `×${e.attempts}` : ''}
      </span>
      <span role="gridcell" className="c-size">
        {bytes(e.size)}
      </span>
    </div>
  );
});

import { useMemo, useState } from 'react';
import { buildTimeline, type FieldPoint } from '@shared/changes';
import type { RecordEvent } from '@shared/contract';
import { useQuery } from '@tanstack/react-query';
import { useEvents } from '../store/events';
import { clockTime, dayLabel, fullTime, plural } from '../common/format';
import { OpBadge } from '../events/OpBadge';
import { CompareView } from './CompareView';
import { evolved, KIND_HELP, preview } from './rows';
import { errorText } from '../errors';

/**
 * Every event of one record (same Key), in Timestamp order, and how each field evolved.
 * Pick two events to compare them side by side.
 */
export function TimelineView({ recordKey, currentId }: { recordKey: string; currentId: number }) {
  const [changedOnly, setChangedOnly] = useState(true);
  const [picked, setPicked] = useState<number[]>([]);
  const open = useEvents((s) => s.open);
  // A new event of this record shows up here too: arrivals re-read it (see the events store).
  const record = useQuery(useEvents.getState().recordQuery(recordKey));
  const events = record.data?.items ?? null;
  const more = record.data?.more ?? false;
  const error = record.error ? errorText(record.error) : null;

  const timeline = useMemo(() => (events ? buildTimeline(events) : null), [events]);
  if (error) return <div className="banner banner-error">{error}</div>;
  if (!timeline) return <div className="muted pad">Loading the record’s events…</div>;

  const fields = changedOnly ? timeline.fields.filter(evolved) : timeline.fields;
  const pick = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  const [left, right] = picked
    .map((id) => timeline.events.find((e) => e.id === id))
    .filter((e): e is RecordEvent => !!e)
    .sort((a, b) => timeline.events.indexOf(a) - timeline.events.indexOf(b));

  return (
    <div className="timeline" data-testid="timeline">
      <div className="changes-summary">
        <strong>{plural(timeline.events.length, 'event')} of this record</strong>
        {more && <span className="muted small">(the latest 200)</span>}
        <label className="chip chip-toggle">
          <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
          Only fields that changed
        </label>
        <span className="muted small">Tick two events to compare them.</span>
      </div>
      <div className="timeline-scroll">
        <table className="timeline-grid">
          <thead>
            <tr>
              <th className="tl-field">Field</th>
              {timeline.events.map((e, i) => (
                <th key={e.id} className={e.id === currentId ? 'tl-current' : ''} data-testid="timeline-event">
                  <label className="tl-pick" title="Select for comparison">
                    <input type="checkbox" checked={picked.includes(e.id)} onChange={() => pick(e.id)} data-testid={`timeline-pick-${i}`} />#{i + 1}
                  </label>
                  <button type="button" className="link tl-open" onClick={() => void open(e.id)} title={`${fullTime(e.receivedAt)} — open this event`}>
                    {dayLabel(e.receivedAt, Date.now()) ?? ''} {clockTime(e.receivedAt).slice(0, 8)}
                  </button>
                  <span className="tl-meta">
                    <OpBadge op={e.op} /> {e.version && <span className="muted small">v{e.version}</span>}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const byEvent = new Map<number, FieldPoint>(field.points.map((p) => [p.eventIndex, p]));
              return (
                <tr key={field.id}>
                  <th className="tl-field" title={field.label}>
                    {field.label}
                  </th>
                  {timeline.events.map((e, i) => {
                    const point = byEvent.get(i);
                    if (!point) return <td key={e.id} className="tl-empty" />;
                    const title = `${KIND_HELP[point.kind]}${point.hasBefore && point.kind === 'changed' ? `\nwas ${preview(point.before, 200)}` : ''}\n${preview(point.value, 400)}`;
                    return (
                      <td key={e.id} className={`tl-cell tl-${point.kind}`} title={title}>
                        {preview(point.value, 28)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {fields.length === 0 && (
              <tr>
                <td className="muted pad" colSpan={timeline.events.length + 1}>
                  No field changed across these events.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {left && right && (
        <CompareView
          left={left}
          right={right}
          leftLabel={`#${timeline.events.indexOf(left) + 1} ${clockTime(left.receivedAt)}`}
          rightLabel={`#${timeline.events.indexOf(right) + 1} ${clockTime(right.receivedAt)}`}
        />
      )}
    </div>
  );
}

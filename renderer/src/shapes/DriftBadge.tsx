import type { EventSummary } from '@shared/contract';

const LABELS: Record<NonNullable<EventSummary['drift']>[number], string> = {
  new_field: 'new field',
  new_type: 'new type',
  missing_field: 'missing field',
  new_major: 'new major version',
};

export const driftLabels = (drift: NonNullable<EventSummary['drift']>): string => drift.map((k) => LABELS[k]).join(', ');

/** On a list row: this event changed its shape (the Changes view says how). */
export function DriftBadge({ drift }: { drift: EventSummary['drift'] }) {
  if (!drift?.length) return null;
  return (
    <span className="drift-badge" data-testid="drift-badge" title={`Drift: ${driftLabels(drift)} (see the Changes view or the Shapes tab)`}>
      drift
    </span>
  );
}

import type { EventSummary } from '@shared/contract';

export const ORIGIN_HELP: Record<EventSummary['origin'], string> = {
  received: 'Received from Maximizer',
  sandbox: 'Sent by the built-in sandbox, not a real CRM',
  imported: 'Imported from a file; shown at its original received time',
  test: 'A test event sent by this app',
  edited: 'An edited copy made by Edit & replay',
};

/** Marks events that are not real Maximizer deliveries; it sits before the summary so truncation never hides it. */
export function OriginBadge({ origin }: { origin: EventSummary['origin'] }) {
  if (origin === 'received') return null;
  return (
    <span className={`origin origin-${origin}`} title={ORIGIN_HELP[origin]} data-testid="origin-badge">
      {origin}
    </span>
  );
}

import { deliveryTimes } from '@shared/shapes/latency';
import type { EventDetail } from '@shared/contract';

const fmt = (ms: number | null) => (ms === null ? '?' : Math.abs(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** In the detail header: Timestamp → ProcessedTimestamp → received here, as two steps and a total. */
export function DeliveryTimes({ detail }: { detail: EventDetail }) {
  if (!detail.timestamp) return null;
  const t = deliveryTimes(detail);
  return (
    <div>
      <dt>Latency</dt>
      <dd
        className="delivery-times"
        data-testid="delivery-times"
        title="Timestamp (Maximizer generated the event) → ProcessedTimestamp (queued for delivery) → received here. Clocks differ: small negatives are skew."
      >
        {fmt(t.total)}{' '}
        <span className="muted">
          (processing {fmt(t.processing)} → delivery {fmt(t.delivery)})
        </span>
      </dd>
    </div>
  );
}

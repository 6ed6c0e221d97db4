import { useEventForwards } from '../store/forwarding';
import { DeliveryTable } from './DeliveryView';
import './forwarding.css';

/** In an event's detail: every forward and replay of this event, with the handler's answers. */
export function EventForwards({ eventId }: { eventId: number }) {
  const items = useEventForwards(eventId).data;
  if (!items?.length) return null;
  return (
    <div className="fw-event-forwards" data-testid="event-forwards">
      <h3>Forwarded to your handler</h3>
      <DeliveryTable deliveries={items} showEvent={false} />
    </div>
  );
}

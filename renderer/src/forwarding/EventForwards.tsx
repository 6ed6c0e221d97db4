import { useEffect, useState } from 'react';
import type { ForwardDelivery } from '@shared/contract';
import { api, onEvent } from '../api';
import { DeliveryTable } from './DeliveryView';
import './forwarding.css';

/** In an event's detail: every forward and replay of this event, with the handler's answers. */
export function EventForwards({ eventId }: { eventId: number }) {
  const [items, setItems] = useState<ForwardDelivery[] | null>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    void api
      .listForwardAttempts({ eventId, limit: 50 })
      .then((page) => live && setItems(page.items))
      .catch(() => live && setItems([]));
    const off = onEvent('forwarding.delivery', (delivery) => {
      if (!delivery.eventIds.includes(eventId)) return;
      setItems((list) => {
        const rest = (list ?? []).filter((d) => d.id !== delivery.id);
        return [delivery, ...rest].sort((a, b) => b.id - a.id);
      });
    });
    return () => {
      live = false;
      off();
    };
  }, [eventId]);
  if (!items?.length) return null;
  return (
    <div className="fw-event-forwards" data-testid="event-forwards">
      <h3>Forwarded to your handler</h3>
      <DeliveryTable deliveries={items} showEvent={false} />
    </div>
  );
}

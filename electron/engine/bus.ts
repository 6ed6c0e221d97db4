import type { EngineEvent, EventName, EventPayload } from '@shared/contract';

type Listener = (event: EngineEvent) => void;

/** The engine's typed event stream; each bridge forwards it to its UI as-is. */
export class EventBus {
  private listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as EngineEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`event listener failed for ${name}:`, error);
      }
    }
  }

  onAny(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((event) => {
      if (event.name === name) listener(event.payload as EventPayload<E>);
    });
  }
}

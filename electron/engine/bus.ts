import { events, type EngineEvent, type EventName, type EventPayload } from '@shared/contract';
import { checkingContract, ContractViolation } from './contract-checks';

type Listener = (event: EngineEvent) => void;

/** The engine's typed event stream; each bridge forwards it to its UI as-is. */
export class EventBus {
  private listeners = new Set<Listener>();

  /** `check`: validate each payload against its event schema (development and tests). */
  constructor(private readonly check = checkingContract()) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (this.check) {
      const checked = events[name].safeParse(payload);
      // Thrown at the emitter, so the test that exercised it fails where the bug is.
      if (!checked.success) throw new ContractViolation(`The payload of event ${name}`, checked.error);
    }
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

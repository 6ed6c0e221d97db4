import type { ServerResponse } from 'node:http';
import { NORMAL_RESPONSE, type ReceiverResponse } from '@shared/contract/forwarding';
import type { Store } from '../store';

/**
 * Receiver response simulation: what the target answers to a webhook that is already
 * committed. Lets a user watch Maximizer's (or the sandbox's) retries arrive. The
 * webhook is stored either way; its request row records the status it was answered.
 */
export class ResponseSimulator {
  /** Read once per request on the receiver's fast path: false unless a simulation is set. */
  active = false;
  private state: ReceiverResponse = { ...NORMAL_RESPONSE };

  constructor(
    private readonly store: Store,
    private readonly onChange: (state: ReceiverResponse) => void = () => {},
  ) {}

  get current(): ReceiverResponse {
    return { ...this.state };
  }

  configure(next: ReceiverResponse): void {
    this.state = { ...next };
    this.active = next.status !== 200 || next.delayMs > 0 || next.failNext > 0;
    this.onChange(this.current);
  }

  /** Answers a committed request as configured; a non-200 answer is written on its request row. */
  answer(res: ServerResponse, requestId: number): void {
    let status = this.state.status;
    if (this.state.failNext > 0) {
      status = this.state.failStatus;
      this.configure({ ...this.state, failNext: this.state.failNext - 1 });
    }
    if (status !== 200) {
      try {
        this.store.requests.setStatus(requestId, status);
      } catch (error) {
        console.error('could not record the simulated status:', error);
      }
    }
    const body = JSON.stringify(
      status === 200 ? { received: true, request: requestId, simulated: true } : { error: `Simulated answer ${status}`, request: requestId, simulated: true },
    );
    const reply = () => {
      if (res.destroyed) return;
      // 204 and 304 carry no body.
      if (status === 204 || status === 304) return void res.writeHead(status).end();
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (this.state.delayMs > 0) setTimeout(reply, this.state.delayMs);
    else reply();
  }
}

import type { ServerResponse } from 'node:http';
import { isSimulating, NORMAL_RESPONSE, type ReceiverResponse } from '@shared/contract/forwarding';
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
    this.active = isSimulating(next);
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
    const custom = this.state.body ?? '';
    const body = custom
      ? custom
      : JSON.stringify(
          status === 200
            ? { received: true, request: requestId, simulated: true }
            : { error: `Simulated answer ${status}`, request: requestId, simulated: true },
        );
    const extra = this.state.headers ?? [];
    const reply = () => {
      if (res.destroyed) return;
      try {
        write();
      } catch (error) {
        // The contract refuses headers Node cannot send; should one slip through, this request
        // alone fails (a delayed reply runs outside the receiver's per-request guard).
        console.error('receiver: could not send the simulated answer:', error);
        if (!res.headersSent)
          res.writeHead(500, { 'content-type': 'application/json', connection: 'close' }).end('{"error":"Simulated answer could not be sent"}');
        else res.destroy();
      }
    };
    const write = () => {
      const headers: [string, string][] = [];
      if (!extra.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);
      // Content-Length and framing stay ours: a custom value could desynchronise the connection.
      for (const [name, value] of extra) if (!/^(content-length|transfer-encoding|connection)$/i.test(name)) headers.push([name, value]);
      // 204 and 304 carry no body.
      if (status === 204 || status === 304) return void res.writeHead(status, headers.filter(([n]) => n !== 'content-type').flat()).end();
      headers.push(['content-length', String(Buffer.byteLength(body))]);
      res.writeHead(status, headers.flat());
      res.end(body);
    };
    if (this.state.delayMs > 0) setTimeout(reply, this.state.delayMs);
    else reply();
  }
}

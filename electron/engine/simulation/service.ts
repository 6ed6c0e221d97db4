import { validateHeaderName, validateHeaderValue } from 'node:http';
import { ApiError } from '@shared/contract';
import { NORMAL_RESPONSE, type ReceiverResponse } from '@shared/contract/forwarding';
import type { ReceiverHandle } from '../receiver/host';
import type { Service, ServiceContext } from '../service';

/**
 * Receiver response simulation: what the app answers to webhooks it has already committed,
 * so a user can watch Maximizer's (or the sandbox's) retries. The answering itself runs on
 * the receiver's thread (receiver/simulate.ts); this service holds the setting.
 */
export function simulationService(ctx: ServiceContext, receiver: Pick<ReceiverHandle, 'control'>): Service<'simulation'> & { current(): ReceiverResponse } {
  let response: ReceiverResponse = { ...NORMAL_RESPONSE };
  let off: (() => void) | undefined;
  return {
    current: () => response,
    handlers: {
      getReceiverResponse: () => response,
      setReceiverResponse: (patch) => {
        // The contract's pattern mirrors Node's rule; Node itself has the last word, here rather
        // than on the receiver's thread where a refused header would fail every answer.
        for (const [name, value] of patch.headers ?? []) {
          try {
            validateHeaderName(name);
            validateHeaderValue(name, value);
          } catch (error) {
            throw new ApiError('bad_request', `Response header "${name}": ${(error as Error).message}`);
          }
        }
        response = { ...response, ...patch };
        receiver.control.setResponse(response);
        return response;
      },
    },
    start() {
      // The receiver counts down `failNext` itself and reports each change.
      off = ctx.bus.on('receiver.response', (state) => (response = state));
    },
    stop() {
      off?.();
    },
  };
}

import { call, noInput } from './define';
import { receiverResponse } from './forwarding';

/** What the receiver answers to stored webhooks: a failing or slow target, to watch retries. */
export const simulationCalls = {
  getReceiverResponse: call(noInput, receiverResponse, 'What the receiver currently answers to stored webhooks (simulation).'),
  setReceiverResponse: call(
    receiverResponse.partial().strict(),
    receiverResponse,
    'Simulate a failing or slow target: answer `status` (with an optional custom `body` and `headers`) after `delayMs`, or fail the next `failNext` webhooks with `failStatus`. Webhooks are still stored.',
  ),
};

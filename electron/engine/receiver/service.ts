import type { Service } from '../service';
import type { ReceiverHandle } from './host';

/** The receiver's share of the contract: rotating its secret (its status is part of `status()`). */
export function receiverService(receiver: ReceiverHandle): Service<'receiver'> {
  return {
    handlers: {
      rotateSecret: () => ({ ...receiver.rotateSecret(), maxBodyBytes: receiver.maxBodyBytes }),
    },
  };
}

import { call, noInput } from './define';
import { receiverStatus } from './inspector';

/** The receiver (the app's Maximizer target) itself. */
export const receiverCalls = {
  rotateSecret: call(
    noInput,
    receiverStatus,
    "New receiver secret: the app's own Maximizer target is updated to send it, and the old one is still accepted for 15 minutes so retries in flight are not refused.",
  ),
};

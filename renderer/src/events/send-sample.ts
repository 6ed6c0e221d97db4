import type { SampleKind } from '@shared/samples';
import { useEvents } from '../store/events';
import { toast } from '../common/toast';
import { reportError } from '../errors';

/** Posts a built-in Maximizer-shaped sample to this app's receiver; says so when it is not accepted. */
export async function sendSample(kind: SampleKind): Promise<void> {
  try {
    const status = await useEvents.getState().sendSample(kind);
    if (status !== 200) toast(`The receiver answered ${status} to the sample`, 'error');
  } catch (error) {
    reportError(error, 'Could not send the sample');
  }
}

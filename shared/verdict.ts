import type { ForwardAttempt, ForwardDelivery } from '@shared/contract/forwarding';

type State = ForwardDelivery['state'];

/**
 * What Maximizer would make of a delivery, in one line: the flag a handler author needs to
 * see is "this would have been retried" (any failed attempt) or "dropped" (every attempt failed).
 */
export function verdictOf(state: State, attempts: readonly ForwardAttempt[], maxAttempts: number): Pick<ForwardDelivery, 'flag' | 'verdict'> {
  const failed = attempts.filter((a) => a.outcome !== 'ok');
  const first = failed[0];
  const why = first ? ` (attempt ${first.attempt}: ${first.reason ?? first.outcome})` : '';
  if (state === 'cancelled') return { flag: failed.length ? 'retry' : null, verdict: `Cancelled after ${attempts.length} attempt(s)${why}` };
  if (state === 'failed') {
    const last = failed.at(-1);
    return {
      flag: 'drop',
      verdict: `Maximizer would drop this webhook: all ${attempts.length} attempts failed${last ? ` (last: ${last.reason ?? last.outcome})` : ''}`,
    };
  }
  if (state === 'delivered') {
    const ok = attempts.find((a) => a.outcome === 'ok');
    if (!failed.length) return { flag: null, verdict: `Delivered: 200 in ${Math.round(ok?.latencyMs ?? 0)} ms` };
    return { flag: 'retry', verdict: `Maximizer would retry: delivered on attempt ${ok?.attempt ?? attempts.length} of ${maxAttempts}${why}` };
  }
  if (failed.length) return { flag: 'retry', verdict: `Maximizer would retry${why}; attempt ${attempts.length + 1} of ${maxAttempts} coming` };
  return { flag: null, verdict: attempts.length ? 'Sending…' : 'Queued' };
}

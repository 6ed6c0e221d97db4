import type { EventSummary } from '@shared/contract';
import { show, useNotify } from '../notifications/notify';
import { plural } from '../common/format';
import { driftLabels } from './DriftBadge';

let batch: EventSummary[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Drift is rare and is what a handler author must act on, so it is notified even while
 * the window is in front (when notifications are on), one notification per burst.
 */
export function notifyDrift(items: readonly EventSummary[]): void {
  const drifted = items.filter((e) => e.drift?.length);
  if (!drifted.length || !useNotify.getState().enabled) return;
  batch.push(...drifted);
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    const events = batch;
    batch = [];
    const first = events[0]!;
    const title = events.length === 1 ? `Drift: ${first.entity ?? 'webhook'} · ${first.op ?? ''}` : `Drift in ${plural(events.length, 'webhook')}`;
    show(title, `${driftLabels(first.drift ?? [])} — see the Shapes tab`);
  }, 800);
}

import { randomUUID } from 'node:crypto';
import { buildSample, type SampleKind } from '@shared/samples';
import type { ServiceContext } from '../service';

/**
 * Delivers a built-in sample through the app's own receiver, over real HTTP, so it is
 * stored, acknowledged and listed exactly like a webhook from Maximizer.
 */
export async function sendSample(ctx: ServiceContext, kind: SampleKind, newId: () => string = randomUUID) {
  const sample = buildSample(kind, { newId, now: ctx.now() });
  const res = await fetch(ctx.receiver.localUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'MaximizerWebhookInspector-sample/1' },
    body: sample.body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return { kind, status: res.status, webhookIds: sample.webhookIds };
}

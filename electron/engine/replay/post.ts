import { TEST_EVENT_HEADER } from '@shared/headers';
import { APP_VERSION } from '../version';

/**
 * POSTs a webhook the app built itself to its own receiver, over real HTTP, so it is
 * checked, stored and acknowledged exactly like one from Maximizer. A test event is
 * marked as such (stored with origin `test`); a sample arrives as Maximizer's would.
 */
export async function postToReceiver(receiverUrl: string, body: string, as: { testKind?: string; timeoutMs: number }): Promise<{ status: number }> {
  const res = await fetch(receiverUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': `MaximizerWebhookInspector-${as.testKind ? 'test' : 'sample'}/${APP_VERSION}`,
      ...(as.testKind ? { [TEST_EVENT_HEADER]: as.testKind } : {}),
    },
    body,
    signal: AbortSignal.timeout(as.timeoutMs),
  });
  await res.arrayBuffer();
  return { status: res.status };
}

import { randomBytes } from 'node:crypto';
import { BYPASS_REMINDER_HEADER, PROBE_HEADER, PROBE_PATH } from '@shared/tunnel';
import type { Clock } from './clock';

export interface ProbeOptions {
  timeoutMs: number;
  clock: Clock;
  fetch?: typeof fetch;
  nonce?: string;
}

export type ProbeResult = { ok: true } | { ok: false; error: string };

/**
 * One request through the public URL to our own receiver. It proves the whole
 * path works — public server, its routing to our pooled connections, and the
 * receiver — which the client's sockets alone cannot: a server can keep our
 * connections open yet no longer route to them. The receiver answers 200 with
 * the nonce as the body and stores nothing.
 */
export async function probeTunnel(publicUrl: string, options: ProbeOptions): Promise<ProbeResult> {
  const nonce = options.nonce ?? randomBytes(12).toString('hex');
  const controller = new AbortController();
  let timedOut = false;
  const timer = options.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(`${publicUrl.replace(/\/+$/, '')}${PROBE_PATH}`, {
      headers: {
        [PROBE_HEADER]: nonce,
        // loca.lt would otherwise answer a browser-like client with its reminder page.
        [BYPASS_REMINDER_HEADER]: '1',
        'user-agent': 'maximizer-webhook-inspector (tunnel self-probe)',
      },
      signal: controller.signal,
      redirect: 'manual',
    });
    const body = await response.text();
    if (response.status === 200 && body === nonce) return { ok: true };
    const excerpt = body.replace(/\s+/g, ' ').trim().slice(0, 80);
    return { ok: false, error: `answered ${response.status}${excerpt ? ` (${excerpt})` : ''} instead of our nonce` };
  } catch (error) {
    if (timedOut) return { ok: false, error: `no answer within ${options.timeoutMs / 1000}s` };
    const err = error as Error & { cause?: { code?: string; message?: string } };
    return { ok: false, error: err.cause?.code ?? err.cause?.message ?? err.message };
  } finally {
    options.clock.clearTimeout(timer);
  }
}

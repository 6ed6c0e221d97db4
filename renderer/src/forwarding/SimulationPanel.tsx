import { useEffect, useState } from 'react';
import { NORMAL_RESPONSE, type ReceiverResponse } from '@shared/contract';
import { simulating, useForwarding } from '../store/forwarding';
import { reportError } from '../errors';

const STATUSES = [200, 201, 204, 400, 404, 429, 500, 502, 503];

/** `Name: value` lines ↔ header pairs; a line without a colon is reported, not dropped. */
export function parseHeaderLines(text: string): { headers: [string, string][]; problem: string | null } {
  const headers: [string, string][] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { headers, problem: `"${line.trim()}" is not "Name: value"` };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { headers, problem: null };
}
const headerLines = (headers: ReceiverResponse['headers']) => (headers ?? []).map(([n, v]) => `${n}: ${v}`).join('\n');

/** What the receiver answers: to watch Maximizer's (or the sandbox's) retries arrive. */
export function SimulationPanel() {
  const current = useForwarding((s) => s.response);
  const [draft, setDraft] = useState<ReceiverResponse>(current);
  const [headersText, setHeadersText] = useState(headerLines(current.headers));
  useEffect(() => {
    setDraft(current);
    setHeadersText(headerLines(current.headers));
  }, [current]);
  const parsedHeaders = parseHeaderLines(headersText);
  const apply = async (next: Partial<ReceiverResponse>) => {
    try {
      await useForwarding.getState().setResponse(next);
    } catch (err) {
      reportError(err);
    }
  };
  const set = (patch: Partial<ReceiverResponse>) => setDraft({ ...draft, ...patch });
  return (
    <section className="fw-panel" data-testid="receiver-response">
      <h3>Receiver response</h3>
      <p className="muted small">
        Webhooks are always stored; this only changes the answer. Anything but a 200 within 2 s makes Maximizer retry (3 attempts in all), then drop the
        webhook. Not kept across restarts.
      </p>
      {simulating(current) && (
        <div className="banner banner-warn small" data-testid="simulation-active">
          The receiver is answering {current.failNext > 0 ? `${current.failStatus} to the next ${current.failNext} webhook(s), then ` : ''}
          {current.status}
          {current.delayMs > 0 ? ` after ${current.delayMs} ms` : ''}
          {current.body ? ' with a custom body' : ''}
          {current.headers?.length ? ` and ${current.headers.length} custom header${current.headers.length === 1 ? '' : 's'}` : ''}.
        </div>
      )}
      <div className="fw-form">
        <label className="fw-field">
          <span>Answer</span>
          <select value={draft.status} onChange={(e) => set({ status: Number(e.target.value) })} data-testid="sim-status">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="fw-field">
          <span>after (ms)</span>
          <input
            type="number"
            min={0}
            max={60000}
            step={100}
            value={draft.delayMs}
            onChange={(e) => set({ delayMs: Number(e.target.value) })}
            data-testid="sim-delay"
          />
        </label>
        <label className="fw-field">
          <span>Fail the next</span>
          <input
            type="number"
            min={0}
            max={1000}
            value={draft.failNext}
            onChange={(e) => set({ failNext: Number(e.target.value) })}
            data-testid="sim-fail-next"
          />
        </label>
        <label className="fw-field">
          <span>webhooks with</span>
          <select value={draft.failStatus} onChange={(e) => set({ failStatus: Number(e.target.value) })} data-testid="sim-fail-status">
            {STATUSES.filter((s) => s !== 200).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="fw-field fw-grow">
          <span>Response body (empty: the default JSON acknowledgement)</span>
          <textarea rows={3} value={draft.body ?? ''} onChange={(e) => set({ body: e.target.value })} placeholder='{"ok": true}' data-testid="sim-body" />
        </label>
        <label className="fw-field fw-grow">
          <span>Response headers, one "Name: value" per line</span>
          <textarea
            rows={3}
            value={headersText}
            onChange={(e) => setHeadersText(e.target.value)}
            placeholder={'Content-Type: text/plain\nX-Request-Id: abc'}
            aria-invalid={!!parsedHeaders.problem}
            data-testid="sim-headers"
          />
          {parsedHeaders.problem && <span className="error-text small">{parsedHeaders.problem}</span>}
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!!parsedHeaders.problem}
          onClick={() => void apply({ ...draft, headers: parsedHeaders.headers })}
          data-testid="sim-apply"
        >
          Apply
        </button>
        <button type="button" className="btn" onClick={() => void apply(NORMAL_RESPONSE)} disabled={!simulating(current)} data-testid="sim-reset">
          Answer 200 again
        </button>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { SAMPLE_KINDS, SAMPLES, type SampleKind } from '@shared/samples';
import { useForwarding } from '../store/forwarding';
import { reportError } from '../errors';

type Source = 'sample' | 'sandbox';

/** Send a Maximizer-shaped test webhook to the app's own receiver, the forward URLs, or any URL. */
export function TestEventPanel() {
  const hasRules = useForwarding((s) => s.rules.some((r) => r.enabled));
  const [source, setSource] = useState<Source>('sample');
  const [kind, setKind] = useState<SampleKind>('lead.create');
  const [entity, setEntity] = useState('Opportunity');
  const [op, setOp] = useState('update');
  const [to, setTo] = useState<'receiver' | 'forward' | 'url'>('receiver');
  const [url, setUrl] = useState('http://localhost:3000/webhook');
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setBusy(true);
    try {
      const target = to === 'url' ? url.trim() : to;
      const sent = await useForwarding.getState().sendTestEvent(source === 'sample' ? { kind, to: target } : { source, entity, op, to: target });
      setResult(
        to === 'receiver'
          ? `Sent ${sent.kind} to the receiver: it answered ${sent.status}.`
          : `Sending ${sent.kind} to ${sent.deliveries.length} URL(s): see the deliveries below.`,
      );
    } catch (err) {
      setResult(null);
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="fw-panel" data-testid="test-event">
      <h3>Send a test event</h3>
      <p className="muted small">
        Samples follow Maximizer’s official payloads; the sandbox generator makes any Entity/Op from a small consistent CRM. Sent to the receiver, an event is
        stored (marked <em>test</em>) and forwarded by your rules, like one from Maximizer.
      </p>
      <div className="fw-form">
        <label className="fw-field">
          <span>From</span>
          <select value={source} onChange={(e) => setSource(e.target.value as Source)} data-testid="test-source">
            <option value="sample">Built-in sample</option>
            <option value="sandbox">Sandbox generator</option>
          </select>
        </label>
        {source === 'sample' ? (
          <label className="fw-field fw-grow">
            <span>Event</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as SampleKind)} data-testid="test-kind">
              {SAMPLE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SAMPLES[k].label} — {SAMPLES[k].description}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label className="fw-field">
              <span>Entity</span>
              <input type="text" value={entity} onChange={(e) => setEntity(e.target.value)} data-testid="test-entity" />
            </label>
            <label className="fw-field">
              <span>Op</span>
              <input type="text" value={op} onChange={(e) => setOp(e.target.value)} data-testid="test-op" />
            </label>
          </>
        )}
        <label className="fw-field">
          <span>To</span>
          <select value={to} onChange={(e) => setTo(e.target.value as typeof to)} data-testid="test-to">
            <option value="receiver">This app’s receiver</option>
            <option value="forward" disabled={!hasRules}>
              The forward rules’ URLs
            </option>
            <option value="url">Another URL…</option>
          </select>
        </label>
        {to === 'url' && (
          <label className="fw-field fw-grow">
            <span>URL</span>
            <input type="text" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="test-url" />
          </label>
        )}
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send()} data-testid="test-send">
          Send
        </button>
      </div>
      {result && (
        <p className="small" data-testid="test-result">
          {result}
        </p>
      )}
    </section>
  );
}

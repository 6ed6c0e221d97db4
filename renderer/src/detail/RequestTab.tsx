import { useMemo, useState } from 'react';
import type { RawRequest } from '@shared/contract';
import { hasMaskedSecret } from '@shared/secret-mask';
import { useEvents } from '../store/events';
import { reportError } from '../errors';
import { CopyButton } from '../common/CopyButton';
import { bytes, fullTime } from '../common/format';
import { JsonView } from '../code/lazy';
import { base64ToBytes, bytesToText, hexDump, isJsonText, prettyJson } from './body';
import { Toggle } from '../ui/Toggle';
import { useSearchHighlight } from './useSearchHighlight';

/**
 * One HTTP request exactly as the receiver got it: nothing reformatted — but the receiver
 * secret (header or `?secret=`) is masked until Reveal is pressed, so a screenshot of this tab
 * does not give it away.
 */
export function RequestTab({ eventId, request: masked, index, total }: { eventId: number; request: RawRequest; index: number; total: number }) {
  const [revealed, setRevealed] = useState<RawRequest | null>(null);
  const request = revealed ?? masked;
  const reveal = (on: boolean) => {
    if (!on) return setRevealed(null);
    useEvents
      .getState()
      .revealRequest(eventId, masked.id)
      .then(setRevealed)
      .catch((error: unknown) => reportError(error, 'Could not reveal the secret'));
  };
  const body = useMemo(() => {
    const raw = base64ToBytes(request.bodyBase64);
    const text = bytesToText(raw);
    return { size: raw.length, text, shown: text ?? hexDump(raw), json: text !== null && isJsonText(text) };
  }, [request.bodyBase64]);
  const query = useMemo(() => [...new URLSearchParams(request.query)], [request.query]);
  const target = `${request.path}${request.query ? `?${request.query.replace(/^\?/, '')}` : ''}`;
  const headersText = request.headers.map(([n, v]) => `${n}: ${v}`).join('\n');
  // Raw by default (exactly the bytes received); wrapping and pretty-printing are views only.
  const [wrap, setWrap] = useState<boolean | null>(null);
  const [pretty, setPretty] = useState(false);
  const wrapped = wrap ?? !body.json;
  const shown = pretty && body.json && body.text !== null ? prettyJson(body.text) : body.shown;
  const highlight = useSearchHighlight();
  return (
    <div className="request" data-testid="request-tab">
      <div className="request-line">
        <span className="method">{request.method}</span>
        <code className="ellipsis">{target}</code>
        <CopyButton text={target} title="Copy path and query" />
        <span className={`status-code ${request.status === 200 ? 'status-ok' : 'status-bad'}`} title="What the receiver answered">
          {request.status}
        </span>
        {total > 1 && (
          <span className="muted small">
            attempt {index + 1} of {total}
          </span>
        )}
        {(revealed || hasMaskedSecret(masked)) && (
          <Toggle pressed={!!revealed} onChange={reveal} title="Show the receiver secret this request carried (hidden by default)" testId="reveal-secret">
            {revealed ? 'Hide secret' : 'Reveal secret'}
          </Toggle>
        )}
      </div>
      <dl className="meta">
        <div>
          <dt>Received</dt>
          <dd>{fullTime(request.receivedAt)}</dd>
        </div>
        {request.ackAt !== null && (
          <div>
            <dt>Acknowledged</dt>
            <dd title="200 sent after the request was committed to disk">{request.ackAt - request.receivedAt} ms after arrival</dd>
          </div>
        )}
        <div>
          <dt>From</dt>
          <dd className="mono">{request.remoteAddress}</dd>
        </div>
        {request.contentEncoding && (
          <div>
            <dt>Encoding</dt>
            <dd>arrived {request.contentEncoding}-compressed; shown decoded</dd>
          </div>
        )}
      </dl>
      {query.length > 0 && (
        <section className="kv-section">
          <h3>Query</h3>
          <table className="kv">
            <tbody>
              {query.map(([name, value], i) => (
                <tr key={i}>
                  <th>{name}</th>
                  <td className="mono">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="kv-section">
        <h3>
          Headers <span className="muted">({request.headers.length})</span>
          <CopyButton text={headersText} label="Copy" done="Copied the headers" />
        </h3>
        <table className="kv" data-testid="request-headers">
          <tbody>
            {request.headers.map(([name, value], i) => (
              <tr key={i}>
                <th>{name}</th>
                <td className="mono">
                  {value}
                  <CopyButton text={value} className="row-copy" done={`Copied ${name}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="kv-section body-section">
        <h3>
          Body{' '}
          <span className="muted">
            ({bytes(body.size)}
            {body.text === null ? ', binary' : ''})
          </span>
          <CopyButton
            text={body.text ?? request.bodyBase64}
            label="Copy"
            done={body.text === null ? 'Copied the body as base64' : 'Copied the raw body'}
            testId="copy-body"
          />
          <span className="toolbar-spacer" />
          <Toggle pressed={wrapped} onChange={setWrap} title="Wrap long lines" testId="body-wrap">
            Wrap
          </Toggle>
          {body.json && (
            <Toggle pressed={pretty} onChange={setPretty} title="Show the JSON indented (the copy stays the raw body)" testId="body-pretty">
              Pretty
            </Toggle>
          )}
        </h3>
        <div className="body-view">
          <JsonView text={shown} language={body.json ? 'json' : 'text'} wrap={wrapped} highlight={highlight} label="Raw body" testId="raw-body" />
        </div>
      </section>
    </div>
  );
}

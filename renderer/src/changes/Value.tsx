import type { DecodedKey } from '@shared/keys';
import { copyText } from '../common/clipboard';
import { preview } from './rows';

/** A JSON value as a literal, coloured by type; Maximizer keys get a decoding on hover. */
export function Value({ value, decoded, className = '' }: { value: unknown; decoded?: DecodedKey; className?: string }) {
  if (decoded && typeof value === 'string') return <KeyValue raw={value} decoded={decoded} className={className} />;
  return <span className={`val ${valueClass(value)} ${className}`}>{literal(value)}</span>;
}

function valueClass(value: unknown): string {
  if (value === null || value === undefined) return 'val-null';
  if (Array.isArray(value)) return 'val-container';
  switch (typeof value) {
    case 'string':
      return 'val-string';
    case 'number':
      return 'val-number';
    case 'boolean':
      return 'val-bool';
    default:
      return 'val-container';
  }
}

function literal(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value !== null && typeof value === 'object') return preview(value, 120);
  return String(value);
}

/**
 * A base64 Maximizer key (`Type⇥Id⇥N`): shown decoded (type and id), the raw base64
 * and copy buttons on hover or focus.
 */
export function KeyValue({
  raw,
  decoded,
  className = '',
  show = 'decoded',
}: {
  raw: string;
  decoded: DecodedKey;
  className?: string;
  show?: 'raw' | 'decoded';
}) {
  return (
    <span className={`keyval ${className}`} tabIndex={0} data-testid="key-value">
      {show === 'raw' ? (
        <>
          <span className="val val-string">{JSON.stringify(raw)}</span>
          <span className="key-tag" aria-hidden="true">
            {decoded.type}
          </span>
        </>
      ) : (
        <span className="val key-decoded">
          <strong>{decoded.type}</strong> {decoded.id}
          {decoded.number !== null && <span className="muted"> · {decoded.number}</span>}
        </span>
      )}
      <span className="key-pop" role="tooltip">
        <span className="key-pop-title">Maximizer key</span>
        <code className="key-raw">{raw}</code>
        <span className="key-parts">
          <span className="key-part">
            <span className="muted">Type</span> {decoded.type}
          </span>
          <span className="key-part">
            <span className="muted">Id</span> <span className="mono">{decoded.id}</span>
          </span>
          {decoded.number !== null && (
            <span className="key-part">
              <span className="muted">No.</span> <span className="mono">{decoded.number}</span>
            </span>
          )}
        </span>
        <span className="key-pop-actions">
          <button type="button" className="btn btn-sm" onClick={() => void copyText(raw, 'Copied the raw key')}>
            Copy raw
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => void copyText(decoded.text.replace(/\t/g, ' ⇥ '), 'Copied the decoded key')}>
            Copy decoded
          </button>
        </span>
      </span>
    </span>
  );
}

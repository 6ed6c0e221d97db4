import { useEffect, useRef, useState } from 'react';
import { SAMPLE_KINDS, SAMPLES, type SampleKind } from '@shared/samples';
import { api } from '../api';
import { Icon } from '../common/Icon';
import { toast } from '../common/toast';
import { reportError } from '../errors';

export async function sendSample(kind: SampleKind): Promise<void> {
  try {
    const result = await api.sendSampleEvent({ kind });
    if (result.status !== 200) toast(`The receiver answered ${result.status} to the sample`, 'error');
  } catch (error) {
    reportError(error, 'Could not send the sample');
  }
}

/** "Send sample ▾": posts a built-in Maximizer-shaped webhook to this app's receiver. */
export function SampleMenu({ compact }: { compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className={`btn btn-sm ${compact ? 'btn-ghost' : 'btn-primary'}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="sample-menu"
        title="Send a built-in sample webhook to the receiver"
      >
        <Icon name="send" /> {compact ? 'Sample' : 'Send a sample event'} <Icon name="chevronDown" size={12} />
      </button>
      {open && (
        <div className="menu-list" role="menu">
          {SAMPLE_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`sample-${kind}`}
              onClick={() => {
                setOpen(false);
                void sendSample(kind);
              }}
            >
              <span>{SAMPLES[kind].label}</span>
              <span className="muted small">{SAMPLES[kind].description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

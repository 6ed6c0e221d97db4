import { useEffect, useMemo, useState } from 'react';
import type { EventDetail, ForwardDelivery } from '@shared/contract';
import { Icon } from '../common/Icon';
import { base64ToBytes, bytesToText } from '../detail/body';
import { useEvents } from '../store/events';
import { AttemptChip, FlagBadge } from './DeliveryView';
import { JsonEditor } from '../code/lazy';
import { jsonProblem } from './json-problem';
import { useForwardingLog, useForwarding } from '../store/forwarding';
import './forwarding.css';
import { errorText } from '../errors';
import { Dialog } from '../ui/Dialog';
import { confirmDialog } from '../ui/confirm';

/** The body as it arrived, pretty-printed when it is JSON (easier to edit; the copy is sent as edited). */
function editableBody(detail: EventDetail): string {
  const request = detail.requests[0];
  const text = request ? bytesToText(base64ToBytes(request.bodyBase64)) : null;
  if (text === null) return detail.payload;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function ReplayDialog({ detail, edit, onClose }: { detail: EventDetail; edit: boolean; onClose: () => void }) {
  const ruleUrl = useForwarding((s) => s.rules.find((r) => r.enabled)?.url ?? '');
  const [url, setUrl] = useState(ruleUrl);
  useEffect(() => setUrl((u) => u || ruleUrl), [ruleUrl]);
  const initial = useMemo(() => editableBody(detail), [detail]);
  const [body, setBody] = useState(initial);
  const problem = edit ? jsonProblem(body) : null;
  const [sent, setSent] = useState<ForwardDelivery | null>(null);
  // Later attempts arrive as events, possibly before the call itself returns: the store has them all.
  const log = useForwardingLog().data;
  const delivery = sent ? (log?.find((d) => d.id === sent.id) ?? sent) : null;
  const [editedId, setEditedId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = useEvents((s) => s.open);

  // Esc, a click outside, × and Close all come here: unsent edits are not thrown away without asking.
  const close = async () => {
    const unsent = edit && !sent && body !== initial;
    if (
      unsent &&
      !(await confirmDialog({
        title: 'Discard your edits?',
        body: 'The edited body has not been sent. Closing throws the edits away.',
        confirm: 'Discard edits',
        danger: true,
      }))
    )
      return;
    onClose();
  };

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await useForwarding.getState().replayEvent({ id: detail.id, url: url.trim(), ...(edit ? { body } : {}) });
      setSent(result.delivery);
      setEditedId(result.editedEventId);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(o) => !o && void close()} title={`${edit ? 'Edit & replay' : 'Replay'} event #${detail.id}`} wide={edit} testId="replay-dialog">
      <p className="muted small">
        {edit
          ? 'The edited body is kept as a new event (marked edited) and sent with the original headers, Content-Length updated.'
          : 'The stored request is sent again: the exact body bytes and the original headers.'}{' '}
        Maximizer’s rules apply: a 200 within 2 s, up to 3 attempts.
      </p>
      <label className="fw-field fw-grow">
        <span>To</span>
        <input type="text" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://localhost:3000/webhook" data-testid="replay-url" />
      </label>
      {edit && (
        <>
          <JsonEditor initial={initial} onChange={setBody} testId="replay-editor" label="Body to send (JSON)" />
          <div className={`small ${problem ? 'error-text' : 'muted'}`} data-testid="replay-validation">
            {problem ? `Not valid JSON: ${problem}` : 'Valid JSON'}
          </div>
        </>
      )}
      {error && (
        <div className="small error-text" data-testid="replay-error">
          {error}
        </div>
      )}
      {delivery && (
        <div className="fw-replay-result" data-testid="replay-result" data-state={delivery.state}>
          <FlagBadge delivery={delivery} />
          {delivery.attempts.map((a) => (
            <AttemptChip key={a.attempt} attempt={a} />
          ))}
          <span className="small">{delivery.verdict}</span>
          {editedId !== undefined && (
            <button type="button" className="link small" onClick={() => (onClose(), void open(editedId))} data-testid="open-edited">
              Open the edited copy (#{editedId})
            </button>
          )}
        </div>
      )}
      <div className="fw-dialog-actions">
        <button type="button" className="btn" onClick={() => void close()} data-testid="replay-close">
          Close
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || !url.trim() || !!problem} onClick={() => void send()} data-testid="replay-send">
          <Icon name="send" /> Send
        </button>
      </div>
    </Dialog>
  );
}

/** "Replay" and "Edit & replay" for the event detail header. */
export function ReplayActions({ detail }: { detail: EventDetail }) {
  const [mode, setMode] = useState<'replay' | 'edit' | null>(null);
  if (!detail.requests.length) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => setMode('replay')}
        title="Send this request again to your handler or any URL"
        data-testid="replay-button"
      >
        <Icon name="send" /> Replay
      </button>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => setMode('edit')}
        title="Edit the body, then send it (kept as a new, edited event)"
        data-testid="edit-replay-button"
      >
        Edit & replay
      </button>
      {mode && <ReplayDialog key={`${detail.id}-${mode}`} detail={detail} edit={mode === 'edit'} onClose={() => setMode(null)} />}
    </>
  );
}

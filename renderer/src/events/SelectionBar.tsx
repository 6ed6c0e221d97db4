import { lazy, Suspense, useState } from 'react';
import type { EventDetail } from '@shared/contract';
import { entityName } from '@shared/entities';
import { plural } from '../common/format';
import { Icon } from '../common/Icon';
import { orderedSelection } from './selection';
import { useEventDetail, useEvents } from '../store/events';
import { useForwarding } from '../store/forwarding';
import { Dialog } from '../ui/Dialog';
import { errorText } from '../errors';
import { deleteEvents, exportSelected, replaySelected } from './actions';

/** The diff of two events, with its diff library: loaded when a comparison is opened, not with the list. */
const CompareView = lazy(() => import('../changes/CompareView').then((m) => ({ default: m.CompareView })));

/** Above the list while rows are selected: replay, export, compare (two) or delete them. */
export function SelectionBar() {
  const selection = useEvents((s) => s.selection);
  const items = useEvents((s) => s.items);
  const clear = useEvents((s) => s.clearSelection);
  const [replaying, setReplaying] = useState(false);
  const [comparing, setComparing] = useState(false);
  const ids = orderedSelection(selection, items);
  if (!ids.length) return null;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected events" data-testid="selection-bar">
      <strong data-testid="selection-count">{plural(ids.length, 'event')} selected</strong>
      <button type="button" className="btn btn-sm" onClick={() => setReplaying(true)} data-testid="bulk-replay">
        <Icon name="send" /> Replay
      </button>
      <button type="button" className="btn btn-sm" onClick={() => void exportSelected(ids)} data-testid="bulk-export">
        Export
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={ids.length !== 2}
        title={ids.length === 2 ? 'Compare these two events side by side' : 'Select exactly two events to compare them'}
        onClick={() => setComparing(true)}
        data-testid="bulk-compare"
      >
        <Icon name="compare" /> Compare
      </button>
      <button type="button" className="btn btn-sm btn-danger" onClick={() => void deleteEvents(ids)} data-testid="bulk-delete">
        <Icon name="trash" /> Delete
      </button>
      <div className="toolbar-spacer" />
      <button
        type="button"
        className="btn btn-sm btn-ghost icon-only"
        onClick={clear}
        title="Clear the selection (Esc)"
        aria-label="Clear the selection"
        data-testid="selection-clear"
      >
        <Icon name="x" />
      </button>
      <ReplayDialog open={replaying} ids={ids} onClose={() => setReplaying(false)} />
      {comparing && ids.length === 2 && <CompareDialog ids={[ids[1]!, ids[0]!]} onClose={() => setComparing(false)} />}
    </div>
  );
}

function ReplayDialog({ open, ids, onClose }: { open: boolean; ids: number[]; onClose: () => void }) {
  const ruleUrl = useForwarding((s) => s.rules.find((r) => r.enabled)?.url ?? '');
  const [url, setUrl] = useState('');
  const target = url.trim() || ruleUrl;
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()} title={`Replay ${plural(ids.length, 'event')}`} testId="bulk-replay-dialog">
      <p className="muted small">Each stored request is sent again, exact bytes and original headers, oldest first, with Maximizer’s delivery rules.</p>
      <div className="form-row">
        <label className="label" htmlFor="bulk-replay-url">
          To
        </label>
        <input
          id="bulk-replay-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={ruleUrl || 'http://localhost:3000/webhook'}
          data-testid="bulk-replay-url"
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!target}
          onClick={() => {
            onClose();
            void replaySelected([...ids].reverse(), target);
          }}
          data-testid="bulk-replay-send"
        >
          <Icon name="send" /> Send
        </button>
      </div>
    </Dialog>
  );
}

/** Any two events, older on the left: the record after each, or their Original/New as sent. */
function CompareDialog({ ids, onClose }: { ids: [number, number]; onClose: () => void }) {
  const left = useEventDetail(ids[0]);
  const right = useEventDetail(ids[1]);
  const pair = left.data && right.data ? ([left.data, right.data] as const) : null;
  const failed = left.error ?? right.error;
  const error = failed ? errorText(failed) : null;
  const label = (e: EventDetail) => `#${e.id} ${e.entity ? entityName(e.entity) : ''} ${e.op ?? ''}`.trim();
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Compare two events" wide testId="compare-dialog">
      {error && <div className="banner banner-error">{error}</div>}
      {!pair && !error && <div className="muted pad">Loading…</div>}
      {pair && (
        <Suspense fallback={<div className="muted pad">Loading…</div>}>
          <CompareView left={pair[0]} right={pair[1]} leftLabel={label(pair[0])} rightLabel={label(pair[1])} />
        </Suspense>
      )}
    </Dialog>
  );
}

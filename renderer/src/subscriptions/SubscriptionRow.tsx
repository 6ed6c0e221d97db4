import { useState } from 'react';
import type { Subscription } from '@shared/contract';
import { entityName } from '@shared/entities';
import { toast } from '../common/toast';
import { filterProblems, splitLines } from './filter-text';
import { cellKey, useSubscriptions } from '../store/subscriptions';
import { reportError } from '../errors';
import { confirmDialog } from '../ui/confirm';

/**
 * One subscription of the list: its filter and recipients, editable when it is this app's (or the
 * user opted in to changing other targets').
 */
export function SubscriptionRow({ subscription: s, editable, targetName }: { subscription: Subscription; editable: boolean; targetName: string }) {
  const [editing, setEditing] = useState(false);
  const [raw, setRaw] = useState('');
  const [recipient, setRecipient] = useState('');
  const [working, setWorking] = useState(false);
  // Right after a one-click subscribe the row stands for a subscription the CRM has not created
  // yet: nothing can be added to it until it has an id (an Enter pressed then was lost).
  const saving = useSubscriptions((state) => state.pending.has(cellKey(s.entity, s.op)));
  const busy = working || saving;
  const change = useSubscriptions((state) => state.change);
  const others = !s.own;
  const id = `${s.entity}-${s.op}`;

  /** The store re-reads the lists after each change. */
  const run = async (action: () => Promise<unknown>, done?: string) => {
    setWorking(true);
    try {
      await action();
      if (done) toast(done);
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      setWorking(false);
    }
  };
  const problems = editing ? filterProblems(splitLines(raw)) : null;

  return (
    <tr data-testid={`subscription-${id}`}>
      <td>
        {entityName(s.entity)} × {s.op}
      </td>
      <td>
        {editing ? (
          <>
            <textarea
              value={raw}
              onChange={(e) => setRaw(e.target.value)}
              rows={2}
              cols={50}
              spellCheck={false}
              aria-label="Filter strings, one per line"
              data-testid={`edit-filter-${id}`}
            />
            {problems && <div className="error small">{problems}</div>}
            <div>
              <button
                className="btn btn-sm btn-primary"
                type="button"
                disabled={busy || !!problems}
                onClick={() =>
                  void run(() => change('updateSubscription', { subscriptionId: s.subscriptionId, filter: splitLines(raw), others }), 'Filter saved').then(
                    (ok) => ok && setEditing(false),
                  )
                }
                data-testid={`save-filter-${id}`}
              >
                Save filter
              </button>{' '}
              <button className="btn btn-sm btn-ghost" type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <code className="small">{s.filter.join(' AND ') || 'no filter'}</code>
        )}
      </td>
      <td className="small" data-testid={`recipients-${id}`}>
        {s.recipients.map((r) => (
          <span key={r} className="chip">
            {r}
            {editable && (
              <button
                type="button"
                className="btn btn-sm btn-ghost icon-only"
                aria-label={`Remove recipient ${r}`}
                disabled={busy}
                onClick={() => void run(() => change('removeRecipient', { subscriptionId: s.subscriptionId, recipient: r, others }))}
              >
                ×
              </button>
            )}
          </span>
        ))}
        {editable && (
          <form
            style={{ display: 'inline' }}
            onSubmit={(e) => {
              e.preventDefault();
              const value = recipient.trim();
              if (value)
                void run(() => change('addRecipient', { subscriptionId: s.subscriptionId, recipient: value, others })).then((ok) => ok && setRecipient(''));
            }}
          >
            <input
              value={recipient}
              onChange={(e) => setRecipient(e.target.value)}
              disabled={saving}
              title={saving ? 'Saving the subscription…' : undefined}
              size={16}
              placeholder="add recipient"
              aria-label="Add recipient"
              data-testid={`add-recipient-${id}`}
            />
          </form>
        )}
      </td>
      <td className="muted small">{s.own ? 'this app' : `${targetName}${editable ? '' : ' (read-only)'}`}</td>
      <td>
        {editable && !editing && (
          <button
            className="btn btn-sm btn-ghost"
            type="button"
            disabled={saving}
            onClick={() => {
              setRaw(s.filter.join('\n'));
              setEditing(true);
            }}
            data-testid={`edit-${id}`}
          >
            Edit filter
          </button>
        )}
        {editable && (
          <button
            className="btn btn-sm"
            type="button"
            disabled={busy}
            onClick={async () => {
              const ok =
                s.own ||
                (await confirmDialog({
                  title: `Delete ${s.entity} × ${s.op} of "${targetName}"?`,
                  body: 'That integration stops receiving these events.',
                  confirm: 'Unsubscribe',
                  danger: true,
                }));
              if (ok) void run(() => change('unsubscribe', { subscriptionId: s.subscriptionId, others }), 'Unsubscribed');
            }}
            data-testid={`unsubscribe-${id}`}
          >
            Unsubscribe
          </button>
        )}
      </td>
    </tr>
  );
}

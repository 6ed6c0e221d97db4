import { useState } from 'react';
import type { Target } from '@shared/contract';
import { toast } from '../common/toast';
import { SubscriptionRow } from './SubscriptionRow';
import { useConnection, useLists, useSubscriptions } from '../store/subscriptions';
import { reportError } from '../errors';
import { confirmDialog } from '../ui/confirm';

const hideSecret = (url: string | null) => url?.replace(/secret=[^&]+/, 'secret=…') ?? '';

/** Every target ("n / 10") and every subscription; other targets' subscriptions are read-only unless opted in. */
export function Lists() {
  const { targets, targetLimit, subscriptions } = useLists();
  const connection = useConnection()?.connection;
  const allowOthers = useSubscriptions((s) => s.allowOthers);
  // The store re-reads the lists after every change.
  const act = (action: Promise<unknown>, done?: string) =>
    action.then(
      () => void (done && toast(done)),
      (e: unknown) => reportError(e),
    );
  const full = targets.length >= targetLimit;
  const ownMissing = connection?.connected && !connection.targetId;
  const names = new Map(targets.map((t) => [t.targetId, t.name ?? t.targetId]));
  return (
    <>
      <section className="sub-card" data-testid="targets">
        <h3>
          Targets{' '}
          <span className={full ? 'error' : 'muted'} data-testid="target-count">
            {targets.length} / {targetLimit}
          </span>
        </h3>
        {full && (
          <p className="error small" data-testid="target-limit">
            Maximizer allows {targetLimit} targets per CRM and all are in use.{' '}
            {ownMissing ? 'Reuse one for this app, or delete one you no longer need.' : 'Delete one you no longer need before adding another.'}
          </p>
        )}
        <table className="sub-table">
          <tbody>
            {targets.map((t) => (
              <TargetRow key={t.targetId} target={t} canAdopt={!!ownMissing} act={act} where={connection?.label ?? 'Maximizer'} />
            ))}
          </tbody>
        </table>
      </section>
      <section className="sub-card">
        <h3>All subscriptions</h3>
        <label className="small">
          <input
            type="checkbox"
            checked={allowOthers}
            onChange={(e) => useSubscriptions.setState({ allowOthers: e.target.checked })}
            data-testid="allow-others"
          />{' '}
          Let me change subscriptions of other targets (they usually belong to other integrations)
        </label>
        <table className="sub-table" data-testid="subscription-list">
          <tbody>
            {subscriptions.map((s) => (
              <SubscriptionRow
                key={s.subscriptionId}
                subscription={s}
                editable={s.own || allowOthers}
                targetName={s.own ? 'this app' : (names.get(s.targetId) ?? 'another target')}
              />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function TargetRow({
  target: t,
  canAdopt,
  act,
  where,
}: {
  target: Target;
  canAdopt: boolean;
  act: (p: Promise<unknown>, done?: string) => Promise<unknown>;
  where: string;
}) {
  const change = useSubscriptions((s) => s.change);
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <tr data-testid={`target-${t.name ?? t.targetId}`}>
      <td>
        {renaming === null ? (
          t.own ? (
            <strong>{t.name} (this app)</strong>
          ) : (
            t.name
          )
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act(change('renameTarget', { targetId: t.targetId, name: renaming }), 'Target renamed').then(() => setRenaming(null));
            }}
          >
            <input value={renaming} onChange={(e) => setRenaming(e.target.value)} size={30} aria-label="New name" autoFocus data-testid="rename-input" />{' '}
            <button className="btn btn-sm" type="submit">
              Save
            </button>{' '}
            <button className="btn btn-sm btn-ghost" type="button" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
      </td>
      <td className="muted small">{hideSecret(t.url)}</td>
      <td>
        <label className="small">
          <input
            type="checkbox"
            checked={t.enabled}
            onChange={(e) =>
              void act(
                change('setTargetEnabled', { targetId: t.targetId, enabled: e.target.checked }),
                e.target.checked ? 'Target enabled' : 'Target disabled: Maximizer drops its events',
              )
            }
          />{' '}
          enabled
        </label>
      </td>
      <td>
        {renaming === null && (
          <button className="btn btn-sm btn-ghost" type="button" onClick={() => setRenaming(t.name ?? '')} data-testid="rename-target">
            Rename
          </button>
        )}
        {!t.own && canAdopt && (
          <button
            className="btn btn-sm"
            type="button"
            onClick={async () => {
              const ok = await confirmDialog({
                title: `Reuse "${t.name}" for this app?`,
                body: "It will be renamed and pointed at this app's receiver, so whatever it fed now stops receiving webhooks.",
                confirm: 'Reuse',
              });
              if (ok) void act(change('adoptTarget', { targetId: t.targetId }), 'This app now uses that target');
            }}
            data-testid="adopt-target"
          >
            Reuse for this app
          </button>
        )}
        {!t.own && (
          <button
            className="btn btn-sm btn-danger"
            type="button"
            onClick={async () => {
              const ok = await confirmDialog({
                title: `Delete target "${t.name}"?`,
                body: `Its subscriptions at ${where} go too. Whatever it feeds stops receiving webhooks.`,
                confirm: 'Delete target',
                danger: true,
              });
              if (ok) void act(change('deleteTarget', { targetId: t.targetId }), 'Target deleted');
            }}
            data-testid="delete-target"
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

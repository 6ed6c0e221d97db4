import { useState } from 'react';
import { cellKey, useLists, useSubscriptions } from '../store/subscriptions';
import { MAXIMIZER_ENTITIES } from '@shared/entities';

const ENTITIES = MAXIMIZER_ENTITIES;
const OPS = ['create', 'update', 'delete', 'read'];

/** Entity × Op: one click subscribes or unsubscribes this app's target. */
export function SubscriptionGrid() {
  const { subscriptions } = useLists();
  const pending = useSubscriptions((s) => s.pending);
  const toggle = useSubscriptions((s) => s.toggle);
  const [extra, setExtra] = useState<string[]>([]);
  const [custom, setCustom] = useState('');
  const seen = subscriptions.filter((s) => s.own).map((s) => s.entity);
  const entities = [...new Set([...ENTITIES, ...seen, ...extra].map((e) => ENTITIES.find((k) => k.toLowerCase() === e.toLowerCase()) ?? e))];
  const own = (entity: string, op: string) => subscriptions.find((s) => s.own && cellKey(s.entity, s.op) === cellKey(entity, op));
  const on = (entity: string, op: string) => own(entity, op) !== undefined;
  return (
    <section className="sub-card">
      <h3>Subscriptions of this app</h3>
      <table className="sub-grid">
        <thead>
          <tr>
            <th />
            {OPS.map((op) => (
              <th key={op}>{op}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => (
            <tr key={entity}>
              <th>{entity}</th>
              {OPS.map((op) => {
                const active = on(entity, op);
                const busy = pending.has(cellKey(entity, op));
                return (
                  <td key={op}>
                    <button
                      type="button"
                      className={`chip chip-toggle ${active ? 'active' : ''}`}
                      aria-pressed={active}
                      disabled={busy}
                      onClick={() => void toggle(entity, op)}
                      data-testid={`sub-${entity}-${op}`}
                      title={active ? `Unsubscribe ${entity} × ${op}` : `Subscribe to ${entity} × ${op}`}
                    >
                      {busy ? '…' : active ? (own(entity, op)?.filter.length ? 'filtered' : 'subscribed') : 'off'}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (custom.trim()) setExtra((x) => [...x, custom.trim()]);
          setCustom('');
        }}
      >
        <input value={custom} onChange={(e) => setCustom(e.target.value)} placeholder="Another entity…" size={20} />
        <button className="btn btn-sm" type="submit">
          Add row
        </button>
      </form>
    </section>
  );
}

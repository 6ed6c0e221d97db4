import { useMemo, useState } from 'react';
import { compareEvents, compareValues, flattenTree, pathId } from '@shared/changes';
import type { RecordEvent } from '@shared/contract';
import { KindBadge } from './ChangeRow';
import { Value } from './Value';

type Mode = 'state' | 'data';

/** Two events of one record side by side: the record after each, or their Original/New as sent. */
export function CompareView({ left, right, leftLabel, rightLabel }: { left: RecordEvent; right: RecordEvent; leftLabel: string; rightLabel: string }) {
  const [mode, setMode] = useState<Mode>('state');
  const [differencesOnly, setDifferencesOnly] = useState(true);
  const tree = useMemo(
    () =>
      mode === 'state'
        ? compareEvents(left, right)
        : compareValues({ Op: left.op, Original: left.original, New: left.new }, { Op: right.op, Original: right.original, New: right.new }),
    [left, right, mode],
  );
  const rows = useMemo(
    () =>
      flattenTree(tree.nodes, {
        isExpanded: (n) => n.kind !== 'equal',
        include: (n) => !differencesOnly || n.kind !== 'equal',
      }),
    [tree, differencesOnly],
  );
  return (
    <section className="compare" data-testid="compare-view">
      <div className="changes-summary">
        <strong>Compare</strong>
        <div className="segmented">
          <button
            type="button"
            className={mode === 'state' ? 'active' : ''}
            onClick={() => setMode('state')}
            title="Original with New applied, after each event"
          >
            Record after each
          </button>
          <button
            type="button"
            className={mode === 'data' ? 'active' : ''}
            onClick={() => setMode('data')}
            title="Original and New exactly as each event carried them"
          >
            Original/New as sent
          </button>
        </div>
        <label className="chip chip-toggle">
          <input type="checkbox" checked={differencesOnly} onChange={(e) => setDifferencesOnly(e.target.checked)} />
          Differences only
        </label>
      </div>
      <table className="compare-grid">
        <thead>
          <tr>
            <th>Field</th>
            <th />
            <th>{leftLabel}</th>
            <th>{rightLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ node, depth, expandable }) => (
            <tr key={pathId(node.path)} className={`cmp-${node.kind}`} data-testid="compare-row">
              <th style={{ paddingLeft: 8 + depth * 16 }}>{node.index !== undefined ? `[${node.index}]` : node.name}</th>
              <td>
                <KindBadge kind={node.kind} />
              </td>
              <td className="cmp-left">{node.hasBefore && !expandable && <Value value={node.before} decoded={node.beforeKey} />}</td>
              <td className="cmp-right">{node.hasAfter && !expandable && <Value value={node.after} decoded={node.afterKey} />}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="muted pad">
                Identical.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

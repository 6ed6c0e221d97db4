import { useCallback, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { diffEvent, flattenTree, pathId, type ChangeNode, type ChangeTree } from '@shared/changes';
import type { EventDetail } from '@shared/contract';
import { Icon } from '../common/Icon';
import { plural } from '../common/format';
import { ChangeRow } from './ChangeRow';
import { KeyValue } from './Value';
import { hiddenUntouchedCount, isExpanded, type Expansion } from './rows';
import { DriftLines } from '../shapes/DriftLines';

const DEFAULT_EXPANSION: Expansion = { base: 'default', overrides: new Map() };

/**
 * Original → New with Maximizer's semantics: New carries only written fields, so a field
 * missing from New is untouched (collapsed behind a toggle), never "removed".
 */
export function ChangesView({ detail, onTimeline }: { detail: EventDetail; onTimeline?: () => void }) {
  const tree = useMemo(() => diffEvent({ op: detail.op, original: detail.original, new: detail.new }), [detail.op, detail.original, detail.new]);
  const [showUntouched, setShowUntouched] = useState(false);
  const [expansion, setExpansion] = useState<Expansion>(DEFAULT_EXPANSION);
  const hidden = useMemo(() => hiddenUntouchedCount(tree), [tree]);
  const rows = useMemo(
    () =>
      flattenTree(tree.nodes, {
        isExpanded: (node) => isExpanded(expansion, node),
        include: (node) => showUntouched || node.kind !== 'untouched',
      }),
    [tree, expansion, showUntouched],
  );
  const toggle = useCallback(
    (node: ChangeNode) =>
      setExpansion((e) => {
        const overrides = new Map(e.overrides);
        overrides.set(pathId(node.path), !isExpanded(e, node));
        return { ...e, overrides };
      }),
    [],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 30,
    overscan: 20,
    getItemKey: (i) => pathId(rows[i]!.node.path),
  });

  if (detail.indexError && detail.original === null && detail.new === null)
    return (
      <div className="empty-state compact">
        <h3>This event could not be fully indexed</h3>
        <p className="muted">{detail.indexError}</p>
        <p className="muted">The Request tab shows it exactly as it arrived.</p>
      </div>
    );
  if (detail.parseError)
    return (
      <div className="empty-state compact">
        <h3>This body could not be parsed</h3>
        <p className="muted">{detail.parseError}</p>
        <p className="muted">The Request tab shows it exactly as it arrived.</p>
      </div>
    );

  return (
    <div className="changes" data-testid="changes-view">
      <ChangesSummary tree={tree} hidden={hidden} showUntouched={showUntouched} onShowUntouched={setShowUntouched} />
      <DriftLines items={detail.driftItems} />
      <div className="changes-bar">
        {tree.recordKey && (
          <span className="record-key">
            <span className="muted">Record</span>
            {tree.recordKey.decoded ? <KeyValue raw={tree.recordKey.raw} decoded={tree.recordKey.decoded} show="decoded" /> : <code>{tree.recordKey.raw}</code>}
            {onTimeline && (
              <button type="button" className="btn btn-ghost btn-sm" onClick={onTimeline} data-testid="open-timeline">
                <Icon name="history" /> Timeline
              </button>
            )}
          </span>
        )}
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setExpansion({ base: 'all', overrides: new Map() })}>
          Expand all
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setExpansion({ base: 'none', overrides: new Map() })}>
          Collapse all
        </button>
      </div>
      {tree.notes.map((note) => (
        <div key={note} className="banner banner-info small">
          {note}
        </div>
      ))}
      <div className="change-head">
        <span>Field</span>
        <span />
        <span>{tree.mode === 'record' ? 'Value' : 'Original → New'}</span>
      </div>
      <div className="changes-scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="change-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <ChangeRow node={row.node} depth={row.depth} expandable={row.expandable} expanded={row.expanded} onToggle={toggle} />
              </div>
            );
          })}
        </div>
        {!showUntouched && hidden > 0 && (
          <button type="button" className="untouched-toggle" onClick={() => setShowUntouched(true)} data-testid="show-untouched">
            <Icon name="chevronRight" size={12} /> {plural(hidden, 'untouched field')} not written by this change — show
          </button>
        )}
        {rows.length === 0 && hidden === 0 && <p className="muted pad">No fields: Original and New are both empty.</p>}
      </div>
    </div>
  );
}

function ChangesSummary({
  tree,
  hidden,
  showUntouched,
  onShowUntouched,
}: {
  tree: ChangeTree;
  hidden: number;
  showUntouched: boolean;
  onShowUntouched: (show: boolean) => void;
}) {
  const t = tree.totals;
  let headline: string;
  if (tree.mode === 'record')
    headline = tree.op === 'delete' ? 'Deleted — the record as it was' : tree.op === 'read' ? 'Read — the data as sent' : 'The record';
  else if (tree.op === 'create') headline = `Created with ${plural(tree.nodes.length, 'field')}`;
  else if (t.changed + t.added + t.removed === 0) headline = 'Nothing changed';
  else headline = 'Update';
  return (
    <div className="changes-summary" data-testid="changes-summary">
      <strong>{headline}</strong>
      {tree.mode !== 'record' && tree.op !== 'create' && (
        <>
          {t.changed > 0 && <span className="chip chip-changed">{t.changed} changed</span>}
          {t.added > 0 && <span className="chip chip-added">{t.added} added</span>}
          {t.removed > 0 && <span className="chip chip-removed">{t.removed} removed</span>}
          {t.equal > 0 && (
            <span className="chip chip-equal" title="Written in New with the value Original already had">
              {t.equal} written, same value
            </span>
          )}
        </>
      )}
      {tree.mode === 'record' && <span className="chip">{plural(t.record, 'value')}</span>}
      {hidden > 0 && (
        <label className="chip chip-toggle" title="Fields only in Original: New carries written fields only, so these were not touched">
          <input type="checkbox" checked={showUntouched} onChange={(e) => onShowUntouched(e.target.checked)} data-testid="untouched-checkbox" />
          {hidden} untouched
        </label>
      )}
    </div>
  );
}

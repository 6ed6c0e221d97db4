import { memo } from 'react';
import type { ChangeKind, ChangeNode } from '@shared/changes';
import { Icon } from '../common/Icon';
import { TextDiffView } from './TextDiffView';
import { Value } from './Value';
import { KIND_HELP, KIND_LABEL, subtreeCounts, typeLabel } from './rows';

interface Props {
  node: ChangeNode;
  depth: number;
  expandable: boolean;
  expanded: boolean;
  onToggle: (node: ChangeNode) => void;
}

export function KindBadge({ kind }: { kind: ChangeKind }) {
  if (kind === 'record') return null;
  return (
    <span className={`kind kind-${kind}`} title={KIND_HELP[kind]}>
      {KIND_LABEL[kind]}
    </span>
  );
}

/** One field: name (indented by depth), what happened to it, and its value(s). */
export const ChangeRow = memo(function ChangeRow({ node, depth, expandable, expanded, onToggle }: Props) {
  const caseDiffers = node.originalName !== undefined && node.newName !== undefined && node.originalName !== node.newName;
  return (
    <div className={`change-row kind-row-${node.kind}`} data-testid="change-row" data-kind={node.kind} data-path={node.path.join('.')}>
      <div className="cr-name" style={{ paddingLeft: 8 + depth * 18 }}>
        {expandable ? (
          <button type="button" className="expander" onClick={() => onToggle(node)} aria-expanded={expanded} aria-label={expanded ? 'Collapse' : 'Expand'}>
            <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={12} />
          </button>
        ) : (
          <span className="expander-space" />
        )}
        <span className={node.index !== undefined ? 'field-index' : 'field-name'} title={node.path.join(' › ')}>
          {node.index !== undefined ? `[${node.index}]` : node.name}
        </span>
        {caseDiffers && (
          <span className="case-tag" title={`Spelled "${node.originalName}" in Original and "${node.newName}" in New: matched ignoring case`}>
            Aa
          </span>
        )}
      </div>
      <div className="cr-kind">
        <KindBadge kind={node.kind} />
      </div>
      <div className="cr-value">
        <ChangeValue node={node} expanded={expanded} />
      </div>
    </div>
  );
});

function ChangeValue({ node, expanded }: { node: ChangeNode; expanded: boolean }) {
  if (node.children && !node.typeChanged) {
    if (expanded) return <span className="muted small">{containerSummary(node)}</span>;
    return (
      <span className="container-preview">
        <Value value={node.value} /> <span className="muted small">{containerSummary(node)}</span>
      </span>
    );
  }
  switch (node.kind) {
    case 'changed':
      if (node.textDiff) return <TextDiffView diff={node.textDiff} />;
      return (
        <span className="change-pair">
          <Value value={node.before} decoded={node.beforeKey} className="old" />
          <span className="arrow">→</span>
          <Value value={node.after} decoded={node.afterKey} className="new" />
          {node.typeChanged && (
            <span className="type-flag" title="The JSON type changed">
              type {typeLabel(node.beforeType)} → {typeLabel(node.afterType)}
            </span>
          )}
        </span>
      );
    case 'equal':
      return (
        <span>
          <Value value={node.after} decoded={node.afterKey} />
          {node.sameUserKey && (
            <span className="muted small note-inline" title="User keys name the same user in different case (User⇥MASTER vs User⇥Master)">
              same user, other case: <Value value={node.before} />
            </span>
          )}
        </span>
      );
    case 'added':
      return <Value value={node.after} decoded={node.afterKey} className="new" />;
    case 'removed':
      return <Value value={node.before} decoded={node.beforeKey} className="old" />;
    case 'untouched':
      return <Value value={node.before} decoded={node.beforeKey} className="faint" />;
    default:
      return <Value value={node.value} decoded={node.afterKey ?? node.beforeKey} />;
  }
}

function containerSummary(node: ChangeNode): string {
  const counts = subtreeCounts(node);
  const parts = (['changed', 'added', 'removed', 'equal', 'untouched'] as const).filter((k) => counts[k]).map((k) => `${counts[k]} ${KIND_LABEL[k]}`);
  return parts.join(' · ');
}

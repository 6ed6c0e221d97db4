import type { DriftItem } from '@shared/contract';
import { goToShape } from './route';

/**
 * In the Changes view: what this event changed in its shape, one line each. A new major
 * has its own banner above the tabs, so it is left out here.
 */
export function DriftLines({ items }: { items: readonly DriftItem[] }) {
  const lines = items.filter((d) => d.kind !== 'new_major');
  if (!lines.length) return null;
  return (
    <div className="drift-lines" data-testid="drift-lines">
      <span className="drift-badge">drift</span>
      <ul>
        {lines.map((d) => (
          <li key={d.id} data-testid="drift-line">
            {renderMessage(d.message)}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => goToShape(lines[0]!.shapeId)} data-testid="drift-open-shape">
        Open shape
      </button>
    </div>
  );
}

/** `name` in backticks becomes code. */
function renderMessage(message: string) {
  return message
    .split(/(`[^`]*`)/)
    .map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : part));
}

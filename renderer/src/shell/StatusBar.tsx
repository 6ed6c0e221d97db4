import { Fragment, type ComponentType } from 'react';
import { useFirstPaintDone } from './after-first-paint';

/** The bottom bar: each item is a small self-contained component (receiver, counts, tunnel, …). */
export function StatusBar({ left, right }: { left: readonly ComponentType[]; right: readonly ComponentType[] }) {
  // The items render from the frame after the first paint: the bar keeps its height until then.
  if (!useFirstPaintDone()) return <footer className="statusbar" data-testid="statusbar" />;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <div className="statusbar-group">
        {left.map((Item, i) => (
          <Fragment key={i}>
            <Item />
          </Fragment>
        ))}
      </div>
      <div className="statusbar-group">
        {right.map((Item, i) => (
          <Fragment key={i}>
            <Item />
          </Fragment>
        ))}
      </div>
    </footer>
  );
}

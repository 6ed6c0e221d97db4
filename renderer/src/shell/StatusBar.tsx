import { Fragment, type ComponentType } from 'react';

/** The bottom bar: each item is a small self-contained component (receiver, counts, tunnel, …). */
export function StatusBar({ left, right }: { left: readonly ComponentType[]; right: readonly ComponentType[] }) {
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

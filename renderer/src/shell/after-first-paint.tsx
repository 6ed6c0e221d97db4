import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { markFirstPaint } from './first-paint-signal';

/**
 * The first frame shows the list's rows; the parts a person does not read in it (filter bar,
 * toolbar, status bar, dialogs and menus with their Radix code) render in the frames after it,
 * from chunks of their own. Measured at 1M events: each of those parts cost the first paint
 * 50–100 ms of script compile, render and layout on a 2-core machine (docs/performance.md).
 */
let painted = false;
let scheduled = false;
const waiting = new Set<() => void>();

function flip(): void {
  if (painted) return;
  painted = true;
  markFirstPaint();
  waiting.forEach((wake) => wake());
  waiting.clear();
}

/** After the next frame is painted: rAF runs before the paint, the timeout after it. A hidden page gets no frames, hence the cap. */
function scheduleFlip(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => setTimeout(flip, 0));
  setTimeout(flip, FIRST_PAINT_CAP_MS);
}

const FIRST_PAINT_CAP_MS = 250;

/** False in the first committed render of the page, true from the frame after its paint (and always, after that). */
export function useFirstPaintDone(): boolean {
  const [done, setDone] = useState(painted);
  useEffect(() => {
    if (done) return;
    if (painted) return setDone(true);
    const wake = () => setDone(true);
    waiting.add(wake);
    scheduleFlip();
    return () => void waiting.delete(wake);
  }, [done]);
  return done;
}

/**
 * A component whose code loads, and which renders, only after the page's first paint; until then
 * (and while its chunk loads) `placeholder` holds its place, sized like it so nothing shifts.
 */
export function afterFirstPaint<P extends object>(load: () => Promise<ComponentType<P>>, placeholder: ReactNode = null): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  return function AfterFirstPaint(props: P) {
    if (!useFirstPaintDone()) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

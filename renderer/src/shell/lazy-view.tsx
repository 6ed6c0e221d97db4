import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A view whose code loads the first time it is shown: the first window paint parses only the
 * Events section, and each other section's chunk (with its libraries: uPlot, Radix, …) arrives
 * when the user opens it. Loaded once, a view renders synchronously from then on.
 */
export function lazyView(
  load: () => Promise<ComponentType>,
  fallback: ReactNode = (
    <div className="view-loading" role="status">
      Loading…
    </div>
  ),
): ComponentType {
  const View = lazy(async () => ({ default: await load() }));
  return function LazyView() {
    return (
      <Suspense fallback={fallback}>
        <View />
      </Suspense>
    );
  };
}

import { lazy, Suspense, type ComponentProps } from 'react';

/**
 * CodeMirror is most of the bundle and no list paint needs it: the JSON views load
 * on first use, so the event list appears without waiting for them.
 */
const JsonViewModule = lazy(() => import('./JsonView').then((m) => ({ default: m.JsonView })));
const JsonEditorModule = lazy(() => import('../forwarding/JsonEditor').then((m) => ({ default: m.JsonEditor })));

const loading = <div className="code-loading">Loading viewer…</div>;

export function JsonView(props: ComponentProps<typeof JsonViewModule>) {
  return (
    <Suspense fallback={loading}>
      <JsonViewModule {...props} />
    </Suspense>
  );
}

export function JsonEditor(props: ComponentProps<typeof JsonEditorModule>) {
  return (
    <Suspense fallback={loading}>
      <JsonEditorModule {...props} />
    </Suspense>
  );
}

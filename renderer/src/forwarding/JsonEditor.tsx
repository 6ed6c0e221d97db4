import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { json } from '@codemirror/lang-json';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: 'var(--mono-size)', backgroundColor: 'var(--bg)', color: 'var(--fg)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'var(--bg-sunken)', color: 'var(--fg-faint)', border: 'none', borderRight: '1px solid var(--line)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
});

/** An editable CodeMirror JSON editor; `onChange` gets the whole text on every edit. */
export function JsonEditor({ initial, onChange, testId }: { initial: string; onChange: (text: string) => void; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          basicSetup,
          json(),
          theme,
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The editor owns its text after the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div className="fw-editor" ref={host} data-testid={testId} />;
}

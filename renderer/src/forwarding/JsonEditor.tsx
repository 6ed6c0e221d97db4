import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { json } from '@codemirror/lang-json';
import { syntaxHighlighting } from '@codemirror/language';
import { highlight, theme } from '../code/theme';

// The editor sits on the page background (the viewers are transparent over a panel).
const editorTheme = EditorView.theme({ '&': { backgroundColor: 'var(--bg)' } });

/** An editable CodeMirror JSON editor; `onChange` gets the whole text on every edit. */
export function JsonEditor({
  initial,
  onChange,
  testId,
  label = 'JSON body',
}: {
  initial: string;
  onChange: (text: string) => void;
  testId?: string;
  label?: string;
}) {
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
          // The app's token colours, not CodeMirror's light-only defaults (unreadable in dark).
          syntaxHighlighting(highlight),
          theme,
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    // axe does not count the contenteditable as keyboard access to the scroller; as in JsonView, the scroller takes the focus too.
    view.scrollDOM.tabIndex = 0;
    view.scrollDOM.setAttribute('aria-label', `${label} (scroll)`);
    return () => view.destroy();
    // The editor owns its text after the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div className="fw-editor" ref={host} data-testid={testId} />;
}

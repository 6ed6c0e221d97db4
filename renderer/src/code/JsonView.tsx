import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { highlight, theme } from './theme';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Marks every occurrence of the list's search terms (case-insensitive), as the list found them. */
function queryMatches(terms: readonly string[]): Extension[] {
  if (!terms.length) return [];
  const decorator = new MatchDecorator({
    regexp: new RegExp(terms.map(escapeRegExp).join('|'), 'giu'),
    decoration: Decoration.mark({ class: 'cm-queryMatch', attributes: { 'data-testid': 'query-match' } }),
  });
  return [
    ViewPlugin.fromClass(
      class {
        decorations: DecorationSet;
        constructor(view: EditorView) {
          this.decorations = decorator.createDeco(view);
        }
        update(update: ViewUpdate) {
          this.decorations = decorator.updateDeco(update, this.decorations);
        }
      },
      { decorations: (v) => v.decorations },
    ),
  ];
}

function extensions(language: 'json' | 'text', wrap: boolean, terms: readonly string[] = [], label = 'Body'): Extension[] {
  // basicSetup brings line numbers, the fold gutter, search (Ctrl-F) and their keymaps.
  return [
    basicSetup,
    EditorState.readOnly.of(true),
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' }),
    theme,
    ...queryMatches(terms),
    ...(wrap ? [EditorView.lineWrapping] : []),
    ...(language === 'json' ? [json(), syntaxHighlighting(highlight)] : []),
  ];
}

/**
 * Read-only CodeMirror 6 viewer: JSON with highlighting and folding (gutter, or
 * Ctrl-Shift-[ / ]), search with Ctrl-F. CodeMirror renders only the visible lines, so
 * a 1 MB payload stays responsive.
 */
export function JsonView({
  text,
  language = 'json',
  wrap = false,
  highlight: terms = [],
  label,
  testId,
}: {
  text: string;
  language?: 'json' | 'text';
  wrap?: boolean;
  /** Search terms to mark in the text (the list's search). */
  highlight?: readonly string[];
  /** What the viewer shows, for screen readers (e.g. "Raw body"). */
  label?: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const termsKey = terms.join('\u0000');
  useEffect(() => {
    const editor = new EditorView({ parent: host.current!, state: EditorState.create({ doc: text, extensions: extensions(language, wrap, terms, label) }) });
    // The scroller is reachable by keyboard (Tab, then arrows/PageDown) like any scrolling region.
    editor.scrollDOM.tabIndex = 0;
    if (label) editor.scrollDOM.setAttribute('aria-label', `${label} (scroll)`);
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The document is swapped below; the editor is rebuilt only when its options change.
  }, [language, wrap, termsKey, label]);
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== text)
      editor.setState(EditorState.create({ doc: text, extensions: extensions(language, wrap, terms, label) }));
  }, [text, language, wrap, termsKey]);
  return <div className="code-view" ref={host} data-testid={testId} />;
}

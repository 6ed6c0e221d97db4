import { HighlightStyle } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** Token colours come from CSS variables, so one editor theme follows light and dark mode. */
export const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syn-key)' },
  { tag: tags.string, color: 'var(--syn-string)' },
  { tag: tags.number, color: 'var(--syn-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--syn-literal)' },
  { tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation], color: 'var(--syn-punct)' },
]);

/** The app's look for every CodeMirror view (the read-only viewers and the replay editor). */
export const theme = EditorView.theme({
  '&': { height: '100%', fontSize: 'var(--mono-size)', backgroundColor: 'transparent', color: 'var(--fg)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'var(--bg-sunken)', color: 'var(--fg-faint)', border: 'none', borderRight: '1px solid var(--line)' },
  '.cm-activeLine': { backgroundColor: 'var(--row-hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--row-hover)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-raised)', border: '1px solid var(--line)', color: 'var(--fg-muted)', padding: '0 6px' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
  '.cm-searchMatch, .cm-queryMatch': { backgroundColor: 'var(--search-match)', borderRadius: '2px' },
  '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--fg)', borderColor: 'var(--line)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
});

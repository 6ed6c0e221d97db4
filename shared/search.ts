/**
 * The terms of a payload search as the user typed them, shared by the store (which
 * runs the search) and the renderer (which highlights the matches).
 */

/** Splits a query into terms: quoted groups stay one phrase; an unclosed or lone quote is a term of its own. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  // Control characters (NUL included) end an FTS5 string early: they separate terms like spaces.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this must split on
  for (const m of text.matchAll(/"([^"\x00-\x1f\x7f]+)"|'([^'\x00-\x1f\x7f]+)'|([^\s\x00-\x1f\x7f]+)/g)) {
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined) {
      if (quoted.trim()) terms.push(quoted.trim());
      continue;
    }
    const word = m[3]!;
    const stripped = word.replace(/^["']+|["']+$/g, '');
    terms.push(stripped || word);
  }
  return terms;
}

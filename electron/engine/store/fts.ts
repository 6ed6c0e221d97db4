/**
 * Turns what a user types into a safe FTS5 query: every word becomes a quoted
 * phrase (so `-`, `:`, `"` and FTS operators are literal), words are AND-ed, and
 * the last word is prefix-matched so results appear while typing.
 */
export function ftsQuery(text: string, column: string, prefix = true): string | null {
  const words = text
    // Control characters (NUL included) end an FTS5 string early: they separate words like spaces.
    .split(/[\s"\x00-\x1f\x7f]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (!words.length) return null;
  const phrases = words.map((word, i) => {
    const quoted = `"${word.replace(/"/g, '""')}"`;
    return prefix && i === words.length - 1 ? `${quoted}*` : quoted;
  });
  return `${column} : (${phrases.join(' AND ')})`;
}

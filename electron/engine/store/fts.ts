/**
 * Turns what a user types into a search the store can run: words (and phrases in
 * "double" or 'single' quotes) go to the FTS5 index as quoted phrases (so `-`, `:`
 * and FTS operators are literal), AND-ed, the last word prefix-matched so results
 * appear while typing. What the index's tokenizer drops — emoji, punctuation such
 * as a lone `"` or `'` — is matched literally inside the payload's JSON strings.
 */
import { decodeKey } from '@shared/keys';
import { searchTerms } from '@shared/search';

export interface PayloadSearch {
  /** An FTS5 MATCH expression, or null when no term is a word. */
  match: string | null;
  /** Each term to find literally: any one of its encodings must occur in the payload. */
  literals: string[][];
}

const WORDY = /[\p{L}\p{N}]/u;
/** Characters the unicode61 tokenizer drops that a user still expects to find (emoji, symbols). */
const SYMBOL = /[\p{S}\p{Extended_Pictographic}]/u;

/** The forms a string takes inside a JSON document: as sent, and with non-ASCII escaped as \uXXXX. */
function jsonForms(term: string): string[] {
  const plain = JSON.stringify(term).slice(1, -1);
  const ascii = plain.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return ascii === plain ? [plain] : [plain, ascii, ascii.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`)];
}

export function payloadSearch(text: string, column: string, prefix = true): PayloadSearch {
  const terms = searchTerms(text);
  const words = terms.filter((t) => WORDY.test(t));
  const literals = terms.filter((t) => !WORDY.test(t) || SYMBOL.test(t)).map(jsonForms);
  const phrases = words.map((word, i) => {
    const quoted = `"${word.replace(/"/g, '""')}"`;
    return prefix && i === words.length - 1 && !/\s/.test(word) ? `${quoted}*` : quoted;
  });
  return { match: phrases.length ? `${column} : (${phrases.join(' AND ')})` : null, literals };
}

/** A "has field" query: a field name or dotted path (`Address.City`) as one phrase over the field index. */
export function fieldQuery(name: string, column: string): string | null {
  const path = name.trim().replace(/^["']+|["']+$/g, '');
  if (!WORDY.test(path)) return null;
  return `${column} : "${path.replace(/"/g, '""')}"`;
}

/**
 * Field names of an event's Original and New for the field index: every top-level
 * name and every nested path (`address.city`), lower-cased. A separator word keeps
 * two unrelated names from reading as one path in a phrase query.
 */
export const FIELD_SEPARATOR = 'fieldsep';
export function fieldIndexText(sections: unknown[], maxNames = 400): string {
  const names = new Set<string>();
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (names.size >= maxNames || depth > 5) return;
    if (Array.isArray(value)) return value.slice(0, 20).forEach((item) => walk(item, prefix, depth + 1));
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key.toLowerCase()}` : key.toLowerCase();
      names.add(path);
      walk(child, path, depth + 1);
    }
  };
  for (const section of sections) walk(section, '', 0);
  return [...names].join(` ${FIELD_SEPARATOR} `);
}

/** Past this many strings of one payload, the rest is indexed as sent (a garbage payload stays cheap). */
const MAX_TEXT_PARTS = 20_000;

/**
 * What the full-text index holds for one stored payload, in place of its JSON text: every key and
 * value with JSON's escapes undone (`"Line one\nLine two"` is the words `Line one Line two`, not
 * `nLine`), and each Maximizer key (base64 record id) followed by its decoded `Type⇥Id⇥Number`, so
 * `OPP_DEMO_2` finds the event whose Key encodes it. A body that is not JSON is indexed as sent.
 * The store registers this as the SQL function `mwi_fts_text` its FTS triggers call: it must stay
 * deterministic (the delete trigger recomputes it to remove exactly the tokens once added).
 */
export function ftsText(payload: string): string {
  let root: unknown;
  try {
    root = JSON.parse(payload);
  } catch {
    return payload;
  }
  const parts: string[] = [];
  // An explicit stack: a deeply nested payload must not overflow the call stack inside a trigger.
  const stack: unknown[] = [root];
  while (stack.length && parts.length < MAX_TEXT_PARTS) {
    const value = stack.pop();
    if (typeof value === 'string') {
      parts.push(value);
      const key = decodeKey(value);
      if (key) parts.push(key.text);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]![1], entries[i]![0]);
    } else if (value !== null && value !== undefined) parts.push(String(value));
  }
  if (stack.length) return payload;
  return parts.join('\n');
}

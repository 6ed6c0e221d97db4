import { formatFilterErrors, parseFilter } from '@shared/filters';

/** Every operator of CONTRACT §3, with what its value is, for the builder's menu and hints. */
export const OPERATORS = [
  { op: '$EQ', label: '= equals', value: 'scalar' },
  { op: '$NE', label: '≠ not equal', value: 'scalar' },
  { op: '$GT', label: '> greater than', value: 'number' },
  { op: '$GE', label: '≥ at least', value: 'number' },
  { op: '$LT', label: '< less than', value: 'number' },
  { op: '$LE', label: '≤ at most', value: 'number' },
  { op: '$IN', label: 'in the list', value: 'list' },
  { op: '$NIN', label: 'not in the list', value: 'list' },
  { op: '$LIKE', label: 'like (% wildcard)', value: 'pattern' },
  { op: '$NLIKE', label: 'not like (% wildcard)', value: 'pattern' },
  { op: '$EXISTS', label: 'field is present', value: 'none' },
  { op: '$NEXISTS', label: 'field is absent', value: 'none' },
] as const;
export type Operator = (typeof OPERATORS)[number]['op'];

export const VALUE_HINTS: Record<(typeof OPERATORS)[number]['value'], string> = {
  scalar: 'a number, true/false, or text ("quotes" keep 1000 as text)',
  number: 'a number (text compares as text)',
  list: 'values separated by commas: 1, 2, "Qualified"',
  pattern: 'text; % is the only wildcard (any run of characters): %Corp%',
  none: 'no value: only the field name counts',
};

/** A typed scalar: numbers and true/false as such, "quoted" always as text, anything else as text. */
export function scalar(text: string): string | number | boolean {
  const t = text.trim();
  if (/^".*"$/s.test(t)) return t.slice(1, -1);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return t;
}

/** Splits "1, 2, "a, b"" on commas outside quotes. */
function listItems(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** One filter string as Maximizer expects it: `{"Field":{"$OP":value}}` or `{"$EXISTS":"Field"}`. */
export function conditionString(field: string, op: Operator, value: string): string {
  const meta = OPERATORS.find((o) => o.op === op)!;
  if (meta.value === 'none') return JSON.stringify({ [op]: field.trim() });
  const typed = meta.value === 'list' ? listItems(value).map(scalar) : meta.value === 'pattern' ? value : scalar(value);
  return JSON.stringify({ [field.trim()]: { [op]: typed } });
}

/** The raw box holds one filter string per line; blank lines are ignored. */
export const splitLines = (raw: string) =>
  raw
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** The same check the sandbox (and our engine) applies before anything is sent; null when valid. */
export function filterProblems(strings: string[]): string | null {
  if (strings.length === 0) return null;
  const parsed = parseFilter(strings);
  return parsed.ok ? null : formatFilterErrors(parsed.errors, strings);
}

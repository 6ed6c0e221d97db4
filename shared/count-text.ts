/**
 * A count as people read it, digits grouped: 1234567 → "1,234,567" (as `toLocaleString('en-US')`
 * writes it). By hand because the first `toLocaleString` or `Intl` call of a page loads ICU's
 * number data: measured 40–90 ms of the first list paint on a 2-core machine (docs/performance.md).
 */
export function countText(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) grouped = digits.slice(Math.max(0, end - 3), end) + (grouped ? `,${grouped}` : '');
  return n < 0 ? `-${grouped}` : grouped;
}

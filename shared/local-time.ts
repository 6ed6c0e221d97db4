const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `2025-03-14 14:03:27.512` in local time (what `toLocaleString('sv-SE')` writes, with
 * milliseconds). By hand: the first `toLocaleString` of a process or page loads ICU's locale data,
 * measured at 18 ms of every `mwi` read command (docs/performance.md).
 */
export function localTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

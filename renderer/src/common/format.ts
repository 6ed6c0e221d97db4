import { countText } from '@shared/count-text';
import { localTimestamp } from '@shared/local-time';
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `14:03:27.512` in local time: the list's time column. */
export const clockTime = (ms: number): string => localTimestamp(ms).slice(11);

/** `2025-03-14 14:03:27.512` local time, for tooltips and the detail header. */
export const fullTime = localTimestamp;

/** Day label for rows not from today, so old rows are not mistaken for today's. */
export function dayLabel(ms: number, now: number): string | null {
  const d = new Date(ms);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return null;
  return `${d.getFullYear() !== today.getFullYear() ? `${d.getFullYear()}-` : ''}${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `+1.2 s`, `+350 ms`: the gap between attempts. */
export function delta(ms: number): string {
  if (ms < 1000) return `+${Math.round(ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  return `+${(ms / 60_000).toFixed(1)} min`;
}

export const count = countText;

export const plural = (n: number, word: string, many = `${word}s`): string => `${count(n)} ${n === 1 ? word : many}`;

/** Value for `<input type="datetime-local">` in local time. */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

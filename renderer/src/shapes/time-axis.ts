/**
 * The latency charts' time axis: 24-hour times (uPlot's default is 12-hour with am/pm, which also
 * made labels wide enough to overlap), seconds only when ticks are closer than a minute, and the
 * date on the first tick and wherever the day changes. Ticks stay at least TICK_SPACE px apart.
 */
export const TICK_SPACE = 90;

const two = (n: number) => String(n).padStart(2, '0');
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Labels for tick positions `splits` (in seconds, uPlot's time scale), local time. */
export function timeTickLabels(splits: readonly number[]): string[] {
  const step = splits.length > 1 ? splits[1]! - splits[0]! : 60;
  let lastDay = '';
  return splits.map((seconds) => {
    const d = new Date(seconds * 1000);
    const time = `${two(d.getHours())}:${two(d.getMinutes())}${step < 60 ? `:${two(d.getSeconds())}` : ''}`;
    const day = d.toDateString();
    const label = day !== lastDay ? `${time}\n${dateFormat.format(d)}` : time;
    lastDay = day;
    return label;
  });
}

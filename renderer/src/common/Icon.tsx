/** A small set of line icons (24-unit grid, drawn with currentColor) so the app ships no icon font. */
const PATHS = {
  copy: 'M9 9h10v12H9zM5 15V3h10',
  search: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14zM21 21l-5-5',
  pause: 'M8 5v14M16 5v14',
  play: 'M7 4l13 8-13 8z',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 21h4',
  x: 'M6 6l12 12M18 6L6 18',
  chevronRight: 'M9 6l6 6-6 6',
  chevronDown: 'M6 9l6 6 6-6',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  send: 'M3 11l18-8-8 18-2-8z',
  terminal: 'M4 5h16v14H4zM7 9l3 3-3 3M12 15h5',
  clock: 'M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18zM12 7v5l3 2',
  key: 'M15 9a4 4 0 1 1-1 3l-8 0v3H4v-5h10',
  history: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4M12 8v4l3 2',
  arrowUp: 'M12 19V5M6 11l6-6 6 6',
  inbox: 'M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  check: 'M5 12l5 5 9-10',
  filter: 'M4 5h16l-6 8v6l-4-2v-4z',
  ban: 'M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18zM6 6l12 12',
  compare: 'M8 4v16M16 4v16M4 8h4M16 16h4',
  bolt: 'M13 3L5 14h6l-1 7 8-11h-6z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 14, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={`icon ${className ?? ''}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

import { useEffect, useRef, useState } from 'react';

/**
 * A text input's local value that commits after the user pauses typing, and follows
 * the committed value when it changes from elsewhere (Esc, a link, a reload).
 */
export function useDebouncedInput(committed: string, commit: (value: string) => void, delay = 250) {
  const [value, setValue] = useState(committed);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(commit);
  latest.current = commit;
  useEffect(() => setValue(committed), [committed]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: string) => {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(next.trim()), delay);
  };
  const flush = () => {
    clearTimeout(timer.current);
    latest.current(value.trim());
  };
  return { value, change, flush };
}

import { useMemo } from 'react';
import { searchTerms } from '@shared/search';
import { useEvents } from '../store/events';

/** The list's search terms, to mark them in the open event's JSON and raw body (lone quotes would mark every string). */
export function useSearchHighlight(): string[] {
  const text = useEvents((s) => s.filters.text ?? '');
  return useMemo(() => searchTerms(text).filter((t) => !/^["']+$/.test(t)), [text]);
}

import { useSyncExternalStore } from 'react';

/** The open section lives in the URL hash (`#/events`), beside the query string that holds the filters. */
const read = (): string => window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useSection(fallback: string): string {
  return useSyncExternalStore(subscribe, read) || fallback;
}

export function goToSection(id: string): void {
  if (read() !== id) window.location.hash = `/${id}`;
}

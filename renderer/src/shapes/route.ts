import { useSyncExternalStore } from 'react';

/** `#/shapes/12`: the Shapes tab with shape 12 open, so a reload or a link keeps it. */
const read = (): number | null => {
  const [section, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  const n = section === 'shapes' && id ? Number(id) : NaN;
  return Number.isInteger(n) ? n : null;
};

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export const useShapeRoute = (): number | null => useSyncExternalStore(subscribe, read);

export function goToShape(id: number | null): void {
  window.location.hash = id === null ? '/shapes' : `/shapes/${id}`;
}

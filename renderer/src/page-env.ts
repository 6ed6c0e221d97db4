import type { PageEnv } from './store/bridge';

/** The stores' view of this page (focus, visibility, the query string); tests pass a fake. */
export const browserEnv: PageEnv = {
  watched: () => document.hasFocus() && document.visibilityState === 'visible',
  readSearch: () => window.location.search,
  writeSearch(update) {
    const search = update(window.location.search);
    const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', url);
  },
  onWatch(listener) {
    window.addEventListener('focus', listener);
    document.addEventListener('visibilitychange', listener);
    return () => {
      window.removeEventListener('focus', listener);
      document.removeEventListener('visibilitychange', listener);
    };
  },
};

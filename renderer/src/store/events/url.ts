import type { DetailTab } from '../../detail/tab-choice';
import { DETAIL_TABS } from '../../detail/tab-choice';
import { parseFilters, writeFilters, type Filters } from '../../events/filters';
import type { PageEnv } from '../bridge';

export type ListView = 'events' | 'rejected';

/** What of the events screen lives in the query string, so a reload (or a shared link) restores it. */
export interface UrlState {
  filters: Filters;
  openId: number | null;
  tab: DetailTab | null;
  view: ListView;
}

export function readUrl(search: string): UrlState {
  const params = new URLSearchParams(search);
  const tab = params.get('tab') as DetailTab | null;
  const openId = Number.parseInt(params.get('event') ?? '', 10);
  return {
    filters: parseFilters(search),
    view: params.get('view') === 'rejected' ? 'rejected' : 'events',
    tab: tab && DETAIL_TABS.includes(tab) ? tab : null,
    openId: Number.isFinite(openId) ? openId : null,
  };
}

export function writeUrl(env: PageEnv, state: UrlState): void {
  env.writeSearch((search) => {
    const params = new URLSearchParams(writeFilters(search, state.filters));
    const set = (name: string, value: string | null) => (value === null ? params.delete(name) : params.set(name, value));
    set('event', state.openId === null ? null : String(state.openId));
    set('tab', state.tab);
    set('view', state.view === 'rejected' ? 'rejected' : null);
    return params.toString();
  });
}

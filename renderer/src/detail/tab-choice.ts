export type DetailTab = 'changes' | 'event' | 'request' | 'attempts' | 'timeline';
export const DETAIL_TABS: DetailTab[] = ['changes', 'event', 'request', 'attempts', 'timeline'];

/** The tab an event opens in: the user's pick, else Changes (raw Request for bodies that did not parse). */
export function effectiveTab(detail: { parseError?: string; recordKey: string | null } | null, picked: DetailTab | null): DetailTab {
  if (picked && (picked !== 'timeline' || detail?.recordKey)) return picked;
  return detail?.parseError ? 'request' : 'changes';
}

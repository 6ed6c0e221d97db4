export { useVersions } from '../store/versions';

export interface EntityVersion {
  entity: string;
  version: string;
  count: number;
  lastSeen: number;
}

/** Versions of one entity seen so far, newest first, for the badge's tooltip. */
export function versionsOf(seen: readonly EntityVersion[], entity: string | null): EntityVersion[] {
  if (!entity) return [];
  const scope = entity.toLowerCase();
  return seen.filter((v) => v.entity.toLowerCase() === scope);
}

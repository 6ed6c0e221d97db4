import { majorChanged, versionBadge } from '@shared/changes';
import { useVersions, versionsOf } from './lastSeen';

/**
 * `v1.1` for an event's Data.Version. Flagged when its major differs from the version
 * of this entity the user last looked at: a new major means breaking changes.
 */
export function VersionBadge({ entity, version, large }: { entity: string | null; version: string | null; large?: boolean }) {
  const badge = versionBadge(version);
  const lastSeen = useVersions((s) => s.lastSeen);
  const changed = majorChanged(lastSeen, entity, version);
  let title = badge.title;
  if (changed) title += `\nYou last saw ${changed.entity} v${changed.previous}: the major version changed.`;
  return (
    <span
      className={`version ${badge.known ? '' : 'version-unknown'} ${changed ? 'version-major' : ''} ${large ? 'version-lg' : ''}`}
      title={title}
      data-testid="version-badge"
    >
      {changed && '⚠ '}
      {badge.label}
    </span>
  );
}

/** "Also seen: v0.1 ×12, v1.1 ×3" for the detail header. */
export function VersionHistory({ entity }: { entity: string | null }) {
  const seen = useVersions((s) => s.seen);
  const versions = versionsOf(seen, entity);
  if (versions.length < 2) return null;
  return (
    <span className="muted small" title="Versions of this entity stored in the inspector">
      seen: {versions.map((v) => `v${v.version} ×${v.count}`).join(', ')}
    </span>
  );
}

import { versionBadge } from '@shared/changes/versions';
import { useVersions, versionsOf } from './lastSeen';

/**
 * `v1.1` for an event's Data.Version, flagged ⚠ on the event that first brought a higher
 * major for its shape (Entity × Op × kind): the engine judges it once, when the event is
 * indexed, and stores it, so the flag stays on that event whatever the user opens.
 */
export function VersionBadge({ version, newMajor, large }: { version: string | null; newMajor?: boolean; large?: boolean }) {
  const badge = versionBadge(version);
  let title = badge.title;
  if (newMajor) title += '\nThe first event of this shape with this major version: breaking changes are possible.';
  return (
    <span
      className={`version ${badge.known ? '' : 'version-unknown'} ${newMajor ? 'version-major' : ''} ${large ? 'version-lg' : ''}`}
      title={title}
      data-testid="version-badge"
    >
      {newMajor && '⚠ '}
      {badge.label}
    </span>
  );
}

/** "Versions seen: v0.1 ×12, v1.1 ×3" among the detail header's facts, where it cannot push the actions around. */
export function VersionHistory({ entity }: { entity: string | null }) {
  const seen = useVersions((s) => s.seen);
  const versions = versionsOf(seen, entity);
  if (versions.length < 2) return null;
  return (
    <div title="Versions of this entity stored in the inspector">
      <dt>Versions seen</dt>
      <dd>{versions.map((v) => `v${v.version} ×${v.count}`).join(', ')}</dd>
    </div>
  );
}

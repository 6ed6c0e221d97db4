import type { DriftItem } from '@shared/contract';
import { parseVersion } from '@shared/changes';
import { Icon } from '../common/Icon';

/**
 * Shown on the event that first brought a higher major for its shape (CONTRACT §6: a new
 * major means breaking changes). Stored by the engine, so it stays on this event.
 */
export function VersionWarning({ warning, entity }: { warning: DriftItem; entity: string | null }) {
  const from = parseVersion(warning.previous)?.major;
  const to = parseVersion(warning.type)?.major;
  return (
    <div className="banner banner-warn" role="alert" data-testid="version-warning">
      <Icon name="alert" />
      <div>
        <strong>
          {entity ?? 'This event'} arrived with version {warning.type}
        </strong>{' '}
        — the first of its kind with this major; the highest before was {warning.previous}. Major {from} → {to} means breaking changes: check the fields your
        handler reads.
      </div>
    </div>
  );
}

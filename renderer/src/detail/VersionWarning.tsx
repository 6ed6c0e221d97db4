import type { MajorChange } from '@shared/changes';
import { Icon } from '../common/Icon';

/** A new major version means breaking changes (CONTRACT §6): handlers tied to the old major may misread it. */
export function VersionWarning({ warning }: { warning: MajorChange }) {
  return (
    <div className="banner banner-warn" role="alert" data-testid="version-warning">
      <Icon name="alert" />
      <div>
        <strong>
          {warning.entity} arrived with version {warning.current}
        </strong>{' '}
        — the last one you looked at was {warning.previous}. Major {warning.previousMajor} → {warning.currentMajor} means
        breaking changes: check the fields your handler reads.
      </div>
    </div>
  );
}

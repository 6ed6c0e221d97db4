import { errorText } from '@shared/error-text';
import { toast } from './common/toast';

/**
 * The renderer's wording of failures is shared with the `mwi` command (shared/error-text.ts).
 * Convention: a failure of something the user just did is a toast (`reportError`); a failure to
 * load a panel is shown inline in that panel (`errorText`).
 */
export { assumptionNote, errorText, isNotConnected } from '@shared/error-text';

/** A failed user action, as an error toast (optionally prefixed with what was being done). */
export function reportError(error: unknown, doing?: string): void {
  toast(doing ? `${doing}: ${errorText(error)}` : errorText(error), 'error');
}

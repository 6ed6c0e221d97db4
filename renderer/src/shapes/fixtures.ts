import type { CallInput } from '@shared/contract';
import { shapesData } from '../store/shapes';
import { reportError } from '../errors';
import { saveFile } from '../common/save';
import { toast } from '../common/toast';
import { plural } from '../common/format';

/** Saves events as fixtures: one JSON file (as Maximizer sent it) per event, several in one zip. */
export async function saveFixtures(input: CallInput<'exportFixtures'>): Promise<void> {
  try {
    const { files } = await shapesData().exportFixtures(input);
    if (files.length === 1) saveFile([files[0]!.content], files[0]!.name, 'application/json');
    else {
      // The zip library only for this export, not in the first window load.
      const { strToU8, zipSync } = await import('fflate');
      const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, strToU8(f.content)])));
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      saveFile([zip as Uint8Array<ArrayBuffer>], `maximizer-fixtures-${stamp}.zip`, 'application/zip');
    }
    toast(`${plural(files.length, 'fixture')} saved`);
  } catch (error) {
    reportError(error, 'Could not export fixtures');
  }
}

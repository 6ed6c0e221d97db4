import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built `mwi` beside this bundle (out/main/mwi.js): the bench starts its servers as a user would. */
export const builtMwi = join(dirname(fileURLToPath(import.meta.url)), 'mwi.js');

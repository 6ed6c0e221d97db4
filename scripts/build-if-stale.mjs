// Rebuilds out/ when any source file is newer than the last build, so `npm run serve`
// and friends always run current code without paying for a build every time.
import { buildIfStale } from './stale.mjs';

const status = buildIfStale(new URL('..', import.meta.url).pathname);
if (status !== 0) process.exit(status);

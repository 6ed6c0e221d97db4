// Preloaded into electronegativity (see scripts/security-lint.mjs): it fetches translations and
// Electron's release list from GitHub with `got`, and with no network got's retry timer throws
// after the request was settled, killing the run. Offline, every fetch fails at once instead,
// which electronegativity handles (English messages; the release check is excluded anyway).
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline: electronegativity runs without network'));
  return load.call(this, request, ...rest);
};

// Preloaded into electronegativity (see scripts/security-lint.mjs) to keep it runnable here:
// - It fetches translations and Electron's release list from GitHub with `got`; with no network,
//   got's retry timer throws after the request settled and kills the run. Every fetch fails at
//   once instead, which electronegativity handles (English messages; the release check is skipped).
// - It uses `commander` without declaring it (relying on an old, hoisted v2 API: the module itself
//   as the program, options as properties). The project's own commander is v15, so it is given a
//   v15 program that stores options as properties, which is the API it expects.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  const fromElectronegativity = parent?.filename?.includes('@doyensec/electronegativity');
  if (fromElectronegativity && request === 'got') return () => Promise.reject(new Error('offline: electronegativity runs without network'));
  if (fromElectronegativity && request === 'commander') {
    const { Command } = load.call(this, request, parent, ...rest);
    return new Command().storeOptionsAsProperties();
  }
  return load.call(this, request, parent, ...rest);
};

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { cspMeta } from './shared/csp';

const alias = { '@shared': resolve(__dirname, 'shared') };

// Every Node-side program is one entry of the main build, so the worker, the
// headless server and the CLIs ship from one bundle step and share chunks.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/desktop/main/index.ts'),
          // The desktop app's engine, in an Electron utility process of its own.
          'engine-host': resolve(__dirname, 'electron/desktop/engine-host/index.ts'),
          'receiver-worker': resolve(__dirname, 'electron/engine/receiver/worker.ts'),
          // One command-line program: `mwi serve | sandbox | tunnel-server | bench | listen | …`.
          mwi: resolve(__dirname, 'electron/cli/mwi/main.ts'),
        },
        // The bench drives Chromium through Playwright, a dev dependency: load it, never bundle it.
        external: ['@playwright/test'],
        // Chunks sit beside the entries so every bundle finds receiver-worker.js next to itself.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/desktop/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [react(), cspInBuiltHtml()],
    build: {
      // electron-vite turns minification off unless asked; every window and browser-mode page parses this.
      minify: true,
      cssMinify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        // zod is only for the sections that validate input (Forwarding, Subscriptions, Shapes):
        // its own chunk, so the bundler does not fold it into a chunk the first paint loads.
        output: { codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]/ }] } },
      },
    },
  },
});

/**
 * Writes the CSP into the built index.html as a <meta> (the desktop window loads it from file://,
 * where no response header applies). Build only: the dev server's React refresh needs an inline script.
 */
function cspInBuiltHtml(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${cspMeta}`),
  };
}

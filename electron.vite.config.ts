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
      externalizeDeps: { exclude: ['commander'] },
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
    plugins: [react(), cspInBuiltHtml(), preloadViews()],
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
 * The entry (main.tsx) is the data layer alone and imports the views' chunk (render.tsx) when it
 * runs; a modulepreload in the HTML has the browser fetch and compile that chunk meanwhile, instead
 * of after the entry has run.
 */
function preloadViews(): Plugin {
  return {
    name: 'preload-views',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {});
        const views = chunks.find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/renderer/src/render.tsx'));
        if (!views || views.type !== 'chunk') throw new Error('preload-views: no chunk for renderer/src/render.tsx');
        // The chunk and everything it imports, transitively: a file left out is fetched only when
        // the chunk runs, and the chunk waits for it.
        const files: string[] = [];
        const visit = (file: string) => {
          if (files.includes(file)) return;
          files.push(file);
          const chunk = bundle?.[file];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(views.fileName);
        const missing = files.filter((file) => !html.includes(`/${file}"`));
        const links = missing.map((file) => `<link rel="modulepreload" crossorigin href="./${file}">`).join('\n    ');
        return html.replace('</head>', `  ${links}\n  </head>`);
      },
    },
  };
}

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

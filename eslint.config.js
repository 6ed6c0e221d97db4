// Lint: typescript-eslint's recommended rules, React's hook rules in the renderer, and the import
// boundaries of docs/architecture.md, so a layering mistake fails `npm test` instead of a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** `no-restricted-imports` patterns: what a folder must not reach into. */
const boundary = (message, group) => ({ group, message });
const electronModule = { name: 'electron', message: 'Only electron/desktop (main, preload) imports electron.' };
// quicktype (every language's renderer, lodash twice) is ~9 MB of the engine's heap once loaded.
const quicktypeModule = {
  name: 'quicktype-core',
  allowTypeImports: true,
  message: "quicktype loads on first use: import('quicktype-core') in shapes/models.ts; a value import here would load it at engine start.",
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'electron/engine/maximizer/openapi.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are errors, but `_name` marks one that is unused on purpose (a callback's slot).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The fake `electron` modules and test doubles use empty stand-ins on purpose.
      '@typescript-eslint/no-empty-function': 'off',
      // `if (x) (a(), b())` is house style for two steps under one condition; short-circuit and
      // ternary statements are allowed for the same reason.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the React Compiler's rules (react-hooks 7's recommended set) are for
      // code the compiler transforms, which this renderer does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule],
          patterns: [
            boundary('The renderer reaches the engine only through the contract (shared/contract) and its bridge.', ['**/electron/**', '../../electron/*']),
            boundary('The renderer runs in a page: no Node built-ins.', ['node:*']),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule, quicktypeModule],
          patterns: [
            boundary('The engine is Electron-free and knows nothing of the programs that run it (desktop, cli, browser-mode server, bench).', [
              '**/desktop/**',
              '**/cli/**',
              '**/server/**',
              '**/bench/**',
              '**/renderer/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    // Our pydantic language subclasses quicktype's; models.ts imports this file on first use.
    files: ['electron/engine/shapes/pydantic.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronModule] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule],
          patterns: [
            boundary('shared/ is imported by every side and imports none of them.', ['**/electron/**', '**/renderer/**', '../electron/*', '../renderer/*']),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/server/**/*.ts', 'electron/bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronModule], patterns: [boundary('Only the desktop app is an Electron program.', ['**/desktop/main/**', '**/desktop/preload/**'])] },
      ],
    },
  },
  {
    files: ['electron/desktop/engine-host/**/*.ts'],
    rules: {
      // The engine's process has no Electron modules: `process.parentPort` is its one Electron API.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'A utility process cannot use the electron module.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{js,mjs,cjs}', '*.config.{ts,js}'],
    // Tests match terminal output, colour escapes (\x1b) included.
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off', 'no-control-regex': 'off' },
  },
);

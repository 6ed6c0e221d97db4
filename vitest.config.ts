import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(__dirname, 'shared') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The engine checks every call's output and every event against the contract in tests,
    // engines spawned by tests included (they inherit the environment).
    env: { MWI_VALIDATE_CONTRACT: '1' },
  },
});

import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot reach its host here.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Servers started by the specs inherit this: the engine checks its outputs and events against the contract.
process.env.MWI_VALIDATE_CONTRACT ??= '1';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    viewport: { width: 1400, height: 900 },
  },
});

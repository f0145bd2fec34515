import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real renderer, served by `oncall-companion preview`, in Debian's Chromium.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-extensions',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the built app in Debian's Chromium (browser mode, a real host started per test)
 * and, where the Electron binary exists, the desktop app through Playwright's `_electron`.
 * Run `npm run build` first (`npm test` does).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    },
    trace: 'off',
  },
});

import { defineConfig } from '@playwright/test';

// Debian's Chromium (never a downloaded browser). The flags keep Chromium from reaching for
// Google services on this closed network.
export default defineConfig({
  testDir: './test/e2e',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  // Web-first assertions wait for a condition; 15 s (not the default 5 s) so a busy 2-core
  // machine only makes a passing test slower, never a failing one.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

import { defineConfig } from '@playwright/test';

// Runs the packaged-shape app in real Electron through Playwright's _electron. Only where an
// Electron binary exists: never on our build machines (see smoke.spec.ts).
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
});

import { defineConfig } from 'vitest/config';

// Unit and integration tests in plain Node. The keychain suite runs separately inside a
// D-Bus session (npm run test:keychain); the browser suites run under Playwright.
export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'test/unit/**/*.test.ts',
      'test/unit/**/*.test.tsx',
      'test/integration/**/*.test.ts',
      'test/simulator/**/*.test.ts',
      'test/interop/**/*.test.ts',
    ],
    exclude: ['test/keychain/**', 'test/e2e/**', 'test/electron/**', 'node_modules/**'],
    // Generous on purpose: tests order events with gates and fake clocks, never with time, so
    // these only bound a test that hangs; a busy 2-core machine must never trip them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});

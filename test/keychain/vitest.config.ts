import { defineConfig } from 'vitest/config';

// Runs only inside scripts/run-keychain-tests.sh (a private D-Bus session).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/keychain/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});

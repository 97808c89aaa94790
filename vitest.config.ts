import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './test/reporters/summary-line.ts'],
    // Tests open real SQLite files and child processes; two cores is all this machine has.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

/** The renderer end-to-end in the system Chromium: `npm run test:e2e` (needs `npm run build` first). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    reporters: ['default', './test/reporters/summary-line.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real browser and a real core on a shared 2-core machine: a window that settles in 100 ms
    // idle can take seconds under load. Polls wait up to 10 s (a test that must be quick says so).
    expect: { poll: { timeout: 10_000 } },
  },
});

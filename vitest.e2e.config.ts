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
  },
});

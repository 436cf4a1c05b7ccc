import { defineConfig } from 'vitest/config';

// End-to-end: a real `rungs serve` (started by e2e/run.mjs with a fresh,
// seeded embedded database) driven through Debian's chromium by
// playwright-core. Files run one after another: they share one server.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globals: true,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    sequence: { concurrent: false },
  },
});

import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files run one after another against the same server, in name order
// everywhere (vitest's default order depends on its local timing cache, so CI
// and a laptop would differ): a journey that leaves data behind affects the
// same later files on every machine.
class ByName extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

// End-to-end: a real `rungs serve` (started by e2e/run.mjs with a fresh,
// seeded embedded database) driven through Debian's chromium by
// playwright-core.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globals: true,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    sequence: { concurrent: false, sequencer: ByName },
  },
});

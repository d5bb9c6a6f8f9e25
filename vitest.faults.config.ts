import { defineConfig } from 'vitest/config';

// Fault-injection tests: slower, run by `npm run test:faults` (CI runs them too).
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global/leftovers.ts'],
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['test/faults/**', 'test/agents/**'],
    // generous: a test that hangs still fails, and a busy 2-core machine (CI beside other work) runs 10x slower
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global/leftovers.ts'],
  },
});

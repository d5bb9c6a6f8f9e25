import { defineConfig } from 'vitest/config';

// The agent bench: real agent CLIs (installed by scripts/install-agents.mjs) under real nights, run by
// `npm run test:agents`. Scenarios run concurrently within a file; NIGHTSHIFT_BENCH_CONCURRENCY bounds them.
export default defineConfig({
  test: {
    include: ['test/agents/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxConcurrency: Number(process.env.NIGHTSHIFT_BENCH_CONCURRENCY) || 4,
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // examples import the package by name, as a plugin author's project does; here that means the sources
  resolve: {
    alias: [
      { find: /^nightshift\/testing$/, replacement: source('./core/testing/index.ts') },
      { find: /^nightshift\/plugins$/, replacement: source('./plugins/index.ts') },
      { find: /^nightshift$/, replacement: source('./core/index.ts') },
    ],
  },
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

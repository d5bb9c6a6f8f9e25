import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'core/cli.ts', index: 'core/index.ts', testing: 'core/testing/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'core/index.ts', testing: 'core/testing/index.ts' } },
  splitting: true,
  sourcemap: true,
  clean: true,
  shims: false,
});

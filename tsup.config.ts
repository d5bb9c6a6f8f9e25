import { copyFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { configJsonSchema } from './config/json-schema.js';

export default defineConfig({
  entry: {
    cli: 'core/cli.ts',
    // the hook client an agent starts for every tool call: its own small entry
    hook: 'core/hooks/hook-main.ts',
    // a worker thread that replays pane logs for the report (reports/transcript/pool.ts)
    'transcript-worker': 'reports/transcript/worker.ts',
    index: 'core/index.ts',
    testing: 'core/testing/index.ts',
    plugins: 'plugins/index.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'core/index.ts', testing: 'core/testing/index.ts', plugins: 'plugins/index.ts' } },
  splitting: true,
  sourcemap: true,
  clean: true,
  shims: false,
  // the pipe-pane writer runs as its own process: plain JavaScript, found beside the bundle (core/logs/pane-writer.ts)
  // the config's JSON Schema ships too: a project that depends on nightshift can point its config at
  // ./node_modules/nightshift/dist/nightshift.schema.json
  onSuccess: async () => {
    copyFileSync('core/logs/pane-writer.mjs', 'dist/pane-writer.mjs');
    writeFileSync('dist/nightshift.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  },
});

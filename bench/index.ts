// `npm run bench -- NAME [args]`: builds bench/NAME.ts the way the package is built (tsup, no name-keeping helpers)
// and runs it with plain node, so the figures are those of the shipped code, not of tsx's on-the-fly transform.
// `npm run bench` alone lists the benches. `npx tsx bench/NAME.ts` runs one from source (a little slower).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'tsup';

const root = join(import.meta.dirname, '..');
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));
const [name, ...args] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  console.log(
    `Usage: npm run bench -- NAME [args]   (see bench/README.md)\n\nbenches: ${benches.join(', ')}`,
  );
  process.exit(name ? 2 : 0);
}
const outDir = join(root, 'node_modules', '.cache', 'nightshift-bench');
await build({
  entry: { [name]: join(root, 'bench', `${name}.ts`) },
  outDir,
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: false,
  clean: false,
  silent: true,
  config: false,
});
const file = join(outDir, `${name}.js`);
if (!existsSync(file)) throw new Error(`the build did not produce ${file}`);
// --expose-gc lets bench/tick report the live heap (after a collection) next to RSS
const run = spawnSync(process.execPath, ['--expose-gc', file, ...args], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(run.status ?? 1);

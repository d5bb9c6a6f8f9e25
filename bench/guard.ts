// Guard cost: median and 99th-percentile microseconds per verdict over the whole command corpus, in-process.
// Run: npx tsx bench/guard.ts [--rounds N] [--fixtures]
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGuard } from '../core/guard/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const SHARED = [
  resolve(here, '../../shared/corpus/commands/dangerous.txt'),
  resolve(here, '../../shared/corpus/commands/safe.txt'),
];
const FIXTURES = [
  resolve(here, '../test/guard/fixtures/dangerous-more.txt'),
  resolve(here, '../test/guard/fixtures/safe-more.txt'),
];
/** The command corpus (shared beside the project); `--fixtures` adds the test fixtures, as does a missing corpus. */
const FILES =
  process.argv.includes('--fixtures') || !SHARED.every(existsSync) ? [...SHARED, ...FIXTURES] : SHARED;

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 50;
/** Rounds run before measuring, so the JIT has compiled the hot paths. */
const WARM_UP_ROUNDS = 5;

/** Command lines of the corpus files that exist: comments and blank lines dropped. */
function corpus(): string[] {
  return FILES.filter((file) => existsSync(file)).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#')),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const commands = corpus();
const guard = createGuard();
const context = { cwd: '/work/project', home: '/home/dev' };

for (let round = 0; round < WARM_UP_ROUNDS; round++)
  for (const command of commands) guard.check(command, context);
const samples: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const command of commands) {
    const start = process.hrtime.bigint();
    guard.check(command, context);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
}
samples.sort((a, b) => a - b);
const load = loadavg()[0]?.toFixed(1) ?? '?';
console.log(
  `guard: ${commands.length} commands × ${rounds} rounds = ${samples.length} verdicts (load average ${load} on ${cpus().length} CPUs)`,
);
console.log(
  `  per verdict: median ${percentile(samples, 50).toFixed(1)} µs   p99 ${percentile(samples, 99).toFixed(1)} µs   max ${(samples[samples.length - 1] ?? 0).toFixed(1)} µs`,
);

#!/usr/bin/env node
// `npm run test:agents [-- --ci] [-- --capture DIR] [-- vitest args]`: installs the pinned agent CLIs when missing,
// builds the CLI the nights run, then runs the agent bench. `--ci` runs the CI selection only (the rows tagged
// `ci: true`, at 80x24); `--capture DIR` writes every scenario's screens, what nightshift decided, and the figures
// (DIR/<agent>/…, DIR/<agent>.figures.json).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
const at = args.indexOf('--capture');
if (at !== -1) {
  const dir = args[at + 1];
  if (!dir || dir.startsWith('-')) {
    console.error('--capture needs a folder: npm run test:agents -- --capture DIR');
    process.exit(2);
  }
  env.NIGHTSHIFT_BENCH_CAPTURE = resolve(dir);
  args.splice(at, 2);
}
const ci = args.indexOf('--ci');
if (ci !== -1) {
  env.NIGHTSHIFT_BENCH_SET = 'ci';
  args.splice(ci, 1);
}

const step = (what, command, commandArgs) => {
  console.log(`--- ${what}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// NIGHTSHIFT_BENCH_AGENTS="claude-code codex" limits the installs to those agents
const agents = (env.NIGHTSHIFT_BENCH_AGENTS ?? '').split(/[\s,]+/).filter(Boolean);
step('agents', process.execPath, ['scripts/install-agents.mjs', ...agents]);
step('build', 'npx', ['tsup', '--silent', '--no-dts']);
step('bench', 'npx', ['vitest', 'run', '--config', 'vitest.agents.config.ts', ...args]);

#!/usr/bin/env node
// Installs the real agent CLIs pinned in test/agents/versions.json into a cache directory, one folder per
// name@version, for the agent bench (`npm run test:agents`). Idempotent: an installed agent is skipped.
//
//   node scripts/install-agents.mjs                 every agent
//   node scripts/install-agents.mjs claude-code     a named subset
//   node scripts/install-agents.mjs --json          one JSON line per agent: name, version, dir, bin, installed
//
// Cache: $NIGHTSHIFT_AGENTS_CACHE, default ~/.cache/nightshift/agents. Network: the npm registry only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const versionsFile = join(root, 'test', 'agents', 'versions.json');

/** The cache directory for every agent install. */
export function agentsCache() {
  return process.env.NIGHTSHIFT_AGENTS_CACHE || join(homedir(), '.cache', 'nightshift', 'agents');
}

/** Where one pinned agent lives: its folder, its package folder and its executable. */
export function agentPaths(name, pin) {
  const dir = join(agentsCache(), `${name}@${pin.version}`);
  const pkgDir = join(dir, 'node_modules', ...pin.package.split('/'));
  return {
    dir,
    pkgDir,
    bin: join(dir, 'node_modules', '.bin', pin.bin),
    stamp: join(dir, '.installed.json'),
  };
}

/** The pinned versions, by agent name. */
export function readPins() {
  return JSON.parse(readFileSync(versionsFile, 'utf8'));
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}) in ${cwd}:\n${result.stderr}`);
  return result.stdout;
}

/**
 * The version the installed executable reports, or undefined when it does not run. Gemini CLI's `--version` took over
 * 30 s at load 28 on 2 cores (the bench then stopped before it began): two minutes.
 */
function reportedVersion(bin) {
  const result = spawnSync(bin, ['--version'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env },
  });
  // the first line with text: Gemini CLI sometimes starts its output with an empty line
  return result.status === 0
    ? result.stdout
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean)
    : undefined;
}

/** Installs one agent unless its stamp says it is there; returns what it found or did. */
export function installAgent(name, pin) {
  const paths = agentPaths(name, pin);
  if (existsSync(paths.stamp) && existsSync(paths.bin))
    return { name, version: pin.version, ...paths, installed: false, reports: reportedVersion(paths.bin) };
  // install into a scratch folder and rename it into place, so an interrupted install is never taken as done
  const scratch = `${paths.dir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'nightshift-agent', private: true }));
  // lifecycle scripts stay off (npm 11 skips them anyway); the ones an agent needs are run below by name
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `${pin.package}@${pin.version}`],
    scratch,
  );
  const pkgDir = join(scratch, 'node_modules', ...pin.package.split('/'));
  // Claude Code puts its native binary in place with its own postinstall script
  if (existsSync(join(pkgDir, 'install.cjs'))) run(process.execPath, ['install.cjs'], pkgDir);
  writeFileSync(
    join(scratch, '.installed.json'),
    JSON.stringify({ package: pin.package, version: pin.version, at: new Date().toISOString() }),
  );
  rmSync(paths.dir, { recursive: true, force: true });
  renameSync(scratch, paths.dir);
  return { name, version: pin.version, ...paths, installed: true, reports: reportedVersion(paths.bin) };
}

/** Shows `text` on stderr when it is a terminal, until the returned function clears it; a no-op when piped. */
function progress(text) {
  if (!process.stderr.isTTY) return () => undefined;
  process.stderr.write(`\r\x1b[2K${text.slice(0, (process.stderr.columns ?? 100) - 1)}`);
  return () => process.stderr.write('\r\x1b[2K');
}

function main(argv) {
  const json = argv.includes('--json');
  const pins = readPins();
  const wanted = argv.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((n) => !(n in pins));
  if (unknown.length) {
    console.error(`unknown agent(s): ${unknown.join(', ')}; pinned: ${Object.keys(pins).join(', ')}`);
    return 2;
  }
  let failed = 0;
  for (const name of wanted.length ? wanted : Object.keys(pins)) {
    try {
      // on a terminal, say what the (minutes-long) npm install is doing; nothing when piped
      const busy = progress(
        `${name}@${pins[name].version}: installing unless cached (npm install takes minutes)…`,
      );
      let r;
      try {
        r = installAgent(name, pins[name]);
      } finally {
        busy();
      }
      if (json) console.log(JSON.stringify(r));
      else
        console.log(
          `${name}@${r.version}: ${r.installed ? 'installed' : 'cached'} in ${r.dir} (reports ${r.reports ?? 'nothing'})`,
        );
      if (!r.reports) failed++;
    } catch (error) {
      failed++;
      console.error(`${name}@${pins[name].version}: ${error.message}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));

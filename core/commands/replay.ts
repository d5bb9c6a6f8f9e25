// `nightshift replay [NIGHT...] [--last N] [--config FILE] [--json] [--export DIR]`: runs recorded nights through the
// current (or given) config, dry, and prints the decisions that would change. Exit 3 when any would.
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { NightshiftError } from '../errors.js';
import { loadPlugins } from '../plugin/loader.js';
import { compareNight, type NightComparison } from '../replay/compare-night.js';
import { exportCorpus } from '../replay/export-corpus.js';
import { classify } from '../screen/index.js';
import { BUILTINS, DEFAULT_PLUGINS } from './builtins.js';
import { nightDirs } from './nights.js';
import { withProgress } from './progress.js';
import { configFrom, guardFor } from './runtime.js';
import { defineCommand, type CommandIO } from './types.js';

/** The exit code when some decision would change (0: none would). */
export const CHANGES_EXIT = 3;

export default defineCommand({
  name: 'replay',
  summary:
    'run recorded nights through the current (or given) config and show the decisions that would change',
  usage: `Usage: nightshift replay [NIGHT...] [--last N] [--config FILE] [--json] [--export DIR]

Feeds a night's recorded screens and hook requests (screens.jsonl.gz beside its journal), in order and
with their timing on a fake clock, through the config's profiles, checks, rescues, guard and budgets.
Nothing is sent anywhere: no tmux, no keys. Prints each decision that would change (held -> answered,
answered -> held, new nudges, restarts, escalations) with the agent, the time, a screen excerpt and the
plugin and rule responsible, and a summary per night.

  NIGHT          a night as \`report --night\` names it (2026-04-10), or its run directory;
                 default: the latest night
  --last N       the newest N nights
  --config FILE  the config to try (default: the one found from the current directory); its
                 stateDir is where nights are looked up
  --json         one JSON object per night: {night, from, to, agents, decisions, differences, ...}
  --export DIR   instead of replaying, write the nights' screens (where the state changed or nightshift
                 decided) in the screen-corpus format: NAME.txt, NAME.json (what nightshift decided),
                 tmux-state.tsv. \`nightshift/testing\` loads DIR as PaneTester cases.

Exit codes: 0 nothing would change, 3 something would, 1 failure, 2 bad usage or config.`,
  options: { last: { type: 'string' }, export: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const loaded = await configFrom(args, io);
    const { config } = loaded;
    const runDirs = pickNights(config.stateDir, args.positionals, args.values.last, io);
    const classifyFor: Parameters<typeof compareNight>[1]['classify'] = (snapshot, agent, previous) =>
      classify(snapshot, {
        profile: agent.profile,
        profiles: config.profiles,
        timezone: config.timezone,
        now: snapshot.at,
        previous,
      });
    if (typeof args.values.export === 'string') {
      const dir = resolve(io.cwd, args.values.export);
      for (const runDir of runDirs) {
        const names = await withProgress(io, `exporting night ${basename(runDir)}`, () =>
          exportCorpus(runDir, dir, { config, classify: classifyFor, night: basename(runDir) }),
        );
        io.stdout.write(
          args.values.json
            ? `${JSON.stringify({ night: basename(runDir), dir, screens: names })}\n`
            : `${basename(runDir)}: ${names.length} screen(s) written to ${dir}\n`,
        );
      }
      return 0;
    }
    const plugins = await loadPlugins({
      entries: config.plugins,
      builtins: BUILTINS,
      defaults: DEFAULT_PLUGINS,
      dir: loaded.dir,
    });
    const parts = { config, plugins, guard: guardFor(loaded), classify: classifyFor };
    let changed = false;
    for (const runDir of runDirs) {
      const result = await withProgress(io, `replaying night ${basename(runDir)}`, () =>
        compareNight(runDir, parts),
      );
      changed ||= result.differences.length > 0;
      io.stdout.write(args.values.json ? `${JSON.stringify(result)}\n` : formatNight(result));
    }
    return changed ? CHANGES_EXIT : 0;
  },
});

/** The run directories the arguments name, oldest first. */
function pickNights(stateDir: string, named: readonly string[], last: unknown, io: CommandIO): string[] {
  const dirs = nightDirs(stateDir);
  if (last !== undefined) {
    const n = Number(last);
    if (!Number.isInteger(n) || n < 1)
      throw new NightshiftError(
        'USAGE',
        `--last takes a number of nights (1 or more), not ${JSON.stringify(last)}`,
      );
    if (named.length) throw new NightshiftError('USAGE', 'give nights by name or --last N, not both');
    return dirs.slice(-n);
  }
  if (!named.length) {
    const latest = dirs.at(-1);
    if (!latest)
      throw new NightshiftError(
        'NIGHT_NOT_FOUND',
        `no nights under ${join(stateDir, 'nights')}: run \`nightshift night --now\` first`,
      );
    return [latest];
  }
  return named.map((name) => {
    const path = resolve(io.cwd, name);
    if (existsSync(path) && statSync(path).isDirectory()) return path;
    const match = dirs.filter((d) => basename(d) === name || basename(d).startsWith(`${name}.`)).at(-1);
    if (match) return match;
    const known =
      dirs
        .slice(-5)
        .map((d) => basename(d))
        .join(', ') || 'none';
    throw new NightshiftError(
      'NIGHT_NOT_FOUND',
      `no night ${name} under ${join(stateDir, 'nights')} (latest: ${known}); name a date or a run directory`,
    );
  });
}

const clock = (iso: string) => iso.slice(11, 19);

/** A night's comparison as text: the summary, then each difference with its screen. */
export function formatNight(n: NightComparison): string {
  const lines = [
    `night ${n.night}  ${clock(n.from)}–${clock(n.to)} UTC  ${n.agents.length} agent(s), ${n.screens} screens, ${n.hookRequests} hook request(s)`,
    `  decisions: ${n.decisions.night} on the night, ${n.decisions.replay} in the replay; ${n.differences.length ? `${n.differences.length} would change` : 'nothing would change'}`,
  ];
  if (n.unknownAgents.length) lines.push(`  not replayed (not in the config): ${n.unknownAgents.join(', ')}`);
  if (n.cappedAt)
    lines.push(
      `  the record stopped at its size cap at ${clock(n.cappedAt)}: later decisions are not compared`,
    );
  if (n.damaged)
    lines.push('  the record ends torn (the runner was killed while writing): its last lines were skipped');
  for (const d of n.differences) {
    const by = [d.plugin, d.rule].filter(Boolean).join(', rule ');
    lines.push(`  ${d.agent} ${clock(d.at)}  ${d.change}  (${by})`);
    if (d.command) lines.push(`    command: ${d.command}`);
    if (d.reason) lines.push(`    why: ${d.reason}`);
    for (const row of d.excerpt) lines.push(`    | ${row}`);
  }
  return `${lines.join('\n')}\n`;
}

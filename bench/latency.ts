// bench/latency: from a permission dialog appearing in a pane to the answer arriving in the program, at the watch interval.
//   npx tsx bench/latency.ts [--agents 4] [--seconds 150] [--interval 2000] [--gap 4000] [--keep]
// A night runs in-process on a private tmux server (the same wiring as `nightshift night --now`: the default checks,
// auto-confirm, dangerous and escalate, the real guard and actuator) with `--agents` copies of
// examples/agents/ask-loop.mjs, which shows a Claude-Code-like "Do you want to proceed?" dialog for a safe command at
// random moments (`--gap` to twice that after each answer) and records { shown, answered } per dialog (epoch ms).
// Reported: median, p95 and max of answered − shown, in ms and in watch intervals, and where the time goes.
// `--keep` keeps the run directory (journal, pane logs, the agents' records) and prints where it is.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveConfig } from '../config/load.js';
import { BUILTINS } from '../core/commands/builtins.js';
import { guardFor } from '../core/commands/runtime.js';
import { readJournal } from '../core/journal/journal.js';
import { runNight } from '../core/night/night.js';
import { planNight } from '../core/night/night-plan.js';
import { loadPlugins } from '../core/plugin/loader.js';
import { classify } from '../core/screen/index.js';
import { createTmux } from '../core/tmux/index.js';
import { QUIET_MS } from '../core/watch/output-wake.js';
import { machine, numberArg, quantile, removeSocketFile } from './lib/stats.js';

const AGENTS = numberArg('agents', 4);
const SECONDS = numberArg('seconds', 150);
const INTERVAL = numberArg('interval', 2000);
const GAP = numberArg('gap', 4000);
const PLUGINS = ['exited', 'idle', 'prompt', 'error', 'usage-limit', 'auto-confirm', 'dangerous', 'escalate'];

/** One dialog as ask-loop.mjs recorded it. */
interface Dialog {
  readonly agent: string;
  readonly shown: number;
  readonly answered: number;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ns-bench-latency-'));
  const socket = `ns-latency-${process.pid}`;
  const askLoop = join(process.cwd(), 'examples', 'agents', 'ask-loop.mjs');
  const names = Array.from({ length: AGENTS }, (_, i) => `asker-${i}`);
  const loaded = resolveConfig(
    {
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      tmux: { socket, session: 'latency' },
      watch: { interval: `${INTERVAL}ms` },
      // the budgets are a safety net for a real night; a dialog every few seconds would exhaust them here
      actuator: { perAgentPerHour: 10_000, fleetPerMinute: 10_000 },
      agents: names.map((name) => ({
        name,
        command: `node ${askLoop} --record ${join(dir, `${name}.jsonl`)} --gap ${GAP}`,
        cwd: dir,
        profile: 'claude-code',
        size: { cols: 100, rows: 30 },
      })),
      plugins: PLUGINS,
    },
    { cwd: dir, env: {} },
  );
  const { config } = loaded;
  const tmux = createTmux({ socket, control: true, configFile: '/dev/null' });
  try {
    const plugins = await loadPlugins({ entries: config.plugins, builtins: BUILTINS, defaults: [], dir });
    const start = new Date();
    const result = await runNight({
      loaded,
      plugins,
      tmux,
      guard: guardFor(loaded),
      classify: (s, a, previous) =>
        classify(s, { profile: a.profile, profiles: config.profiles, timezone: 'UTC', now: s.at, previous }),
      log: pino({ level: 'silent' }),
      plan: planNight(config.stateDir, 'UTC', start, new Date(start.getTime() + SECONDS * 1000)),
      signal: new AbortController().signal,
    });
    const dialogs = names.flatMap((agent) => recorded(join(dir, `${agent}.jsonl`), agent));
    const events = readJournal(result.journalFile).events;
    const refused = events.filter((e) => e.type === 'refusal').length;
    const failures = events.filter((e) => e.type === 'plugin-failure').length;
    const ms = dialogs.map((d) => d.answered - d.shown);
    const row = (name: string, values: number[], unit: (v: number) => string) =>
      `| ${name} | ${unit(quantile(values, 0.5))} | ${unit(quantile(values, 0.95))} | ${unit(Math.max(...values))} |`;
    console.log(
      `\n${AGENTS} agents, ${SECONDS}s night, watch interval ${INTERVAL} ms, ${dialogs.length} dialogs answered, ${refused} refusals, ${failures} plugin failures (${machine()})\n`,
    );
    console.log('| dialog shown → answer received | median | p95 | max |');
    console.log('|---|---|---|---|');
    console.log(row('milliseconds', ms, (v) => v.toFixed(0)));
    console.log(row('watch intervals', ms, (v) => (v / INTERVAL).toFixed(2)));
    const stable = 200; // the prompt check's default `stable`: two looks this far apart must agree
    console.log(
      `\nexpected from the schedule alone: the look after the output settles (${QUIET_MS} ms quiet) + the prompt check's second look (${stable} ms) = ${QUIET_MS + stable} ms; without the wake on output it would be the next tick (median ${INTERVAL / 2} ms) + ${stable} ms`,
    );
  } finally {
    await tmux.killServer().catch(() => undefined);
    await tmux.close().catch(() => undefined);
    removeSocketFile(socket);
    if (process.argv.includes('--keep')) console.log(`\nrun directory kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The dialogs one ask-loop agent recorded. */
function recorded(file: string, agent: string): Dialog[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => ({ agent, ...(JSON.parse(line) as { shown: number; answered: number }) }));
  } catch {
    return [];
  }
}

await main();

// bench/hook-e2e: from the model's tool call to nightshift's answer and to the tool's result, with real Claude Code on
// the agent bench, through its PermissionRequest hook and through the screen (hooks off), in turn.
//   npm run build && TMPDIR=$HOME/.cache/nightshift/tmp npx tsx bench/hook-e2e.ts [--runs 3]
// One row, `npm test` (a marker script), run `--runs` times per channel at 120x40. Times: the fake API's clock.
// tool call = the request answered with the tool_use (the fake streams it at once); answer = the journaled answer
// (hook: the runner's allow; screen: the keystroke's action, journaled once the keys are sent); started = the test
// script's first act (it writes Date.now(); so it includes npm's own start, the same on both paths); result = the next
// request, carrying the tool_result (so it includes the command's whole run).
import { claudeCode } from '../test/agents/claude-code/adapter.js';
import { scenarios } from '../test/agents/claude-code/scenarios.js';
import { findInstalled } from '../test/agents/harness/installed.js';
import { runScenario } from '../test/agents/harness/run-scenario.js';
import type { ScenarioResult } from '../test/agents/harness/scenario.js';
import { loadavg } from 'node:os';
import { machine, numberArg, quantile } from './lib/stats.js';

const RUNS = numberArg('runs', 3);
const row = scenarios.find((s) => s.name === 'hook channel: test command allowed');
if (!row) throw new Error('the Claude Code row "hook channel: test command allowed" is missing');
const installed = findInstalled('claude-code');
const size = { cols: 120, rows: 40 };
// the same row, its test script writing the time it started into the marker
const stamp = `node -e "require('fs').appendFileSync('../markers/tested', Date.now() + '\\n')"`;
const timed = {
  ...row,
  watch: ['../markers/tested'],
  files: {
    'package.json': `${JSON.stringify({ name: 'bench-project', private: true, scripts: { test: stamp } }, null, 2)}\n`,
  },
};

/** ms from the tool call to the answer, the command's start and the result, or undefined when it did not get that far. */
function times(result: ScenarioResult): { answer: number; started: number; result: number } | undefined {
  const main = result.received.filter((r) => r.kind === 'main');
  const call = main.find((r) => r.turn === 0)?.at;
  const next = main.find((r) => (r.turn ?? -1) >= 1)?.at;
  const answer = result.journal.find(
    (e) => e.type === 'action' && e.action === 'answer' && !e.dryRun && Date.parse(e.t) >= (call ?? 0),
  );
  const started = Number((result.effects.files['../markers/tested'] ?? '').split('\n')[0]);
  if (call === undefined || next === undefined || !answer || !Number.isFinite(started) || started === 0)
    return undefined;
  return { answer: Date.parse(answer.t) - call, started: started - call, result: next - call };
}

type Figures = { answer: number[]; started: number[]; result: number[]; load: number[] };
const figures: Record<'hook' | 'screen', Figures> = {
  hook: { answer: [], started: [], result: [], load: [] },
  screen: { answer: [], started: [], result: [], load: [] },
};
for (let i = 0; i < RUNS; i++)
  for (const channel of ['hook', 'screen'] as const) {
    const load = loadavg()[0]!;
    const result = await runScenario(claudeCode, installed, { ...timed, hooks: channel === 'hook' }, size);
    const t = times(result);
    if (!t) {
      console.log(`${channel} run ${i + 1}: no answer or no result (timed out: ${result.timedOut})`);
      continue;
    }
    figures[channel].answer.push(t.answer);
    figures[channel].started.push(t.started);
    figures[channel].result.push(t.result);
    figures[channel].load.push(load);
    console.log(
      `${channel} run ${i + 1}: answer ${t.answer} ms, started ${t.started} ms, result ${t.result} ms (load ${load.toFixed(1)})`,
    );
  }
console.log(machine());
for (const [channel, f] of Object.entries(figures)) {
  const med = (xs: number[]) => (xs.length ? Math.round(quantile(xs, 0.5)) : NaN);
  console.log(
    `${channel}: n=${f.answer.length} tool call → answer median ${med(f.answer)} ms, → command started median ${med(f.started)} ms, → result median ${med(f.result)} ms, load ${Math.min(...f.load).toFixed(1)}–${Math.max(...f.load).toFixed(1)}`,
  );
}

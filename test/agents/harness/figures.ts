// The bench's figures per agent and version: scenarios run, dialogs seen, approved right, held right, and the
// median time from a dialog being drawn to nightshift's answer. Written as JSON beside the captures and printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actions } from './conditions.js';
import { dialogDrawn, type Scenario, type ScenarioResult } from './scenario.js';

/** One run's contribution to the figures. */
export interface RunFigure {
  readonly scenario: string;
  readonly size: string;
  readonly expect: Scenario['expect'];
  /** the scenario's dialog was drawn */
  readonly dialogSeen: boolean;
  /** its checks passed */
  readonly right: boolean;
  /** ms from the dialog first drawn to nightshift's answer, when it answered */
  readonly answerMs?: number;
  readonly failure?: string;
}

/** Reads one run's figure from its result. */
export function runFigure(
  scenario: Scenario,
  result: ScenarioResult,
  failure: string | undefined,
): RunFigure {
  const drawn = scenario.dialog ? result.screens.find((s) => scenario.dialog!.test(s.text)) : undefined;
  const answer = drawn
    ? actions(result.journal).find((a) => a.action === 'answer' && Date.parse(a.t) >= drawn.at - 50)
    : undefined;
  return {
    scenario: scenario.name,
    size: `${result.size.cols}x${result.size.rows}`,
    expect: scenario.expect,
    dialogSeen: drawn !== undefined || (scenario.dialog !== undefined && dialogDrawn(scenario, result)),
    right: failure === undefined,
    ...(drawn && answer ? { answerMs: Date.parse(answer.t) - drawn.at } : {}),
    ...(failure ? { failure } : {}),
  };
}

const median = (values: number[]) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The figures of every run of one agent. */
export function summarize(agent: string, version: string, runs: readonly RunFigure[]) {
  const approve = runs.filter((r) => r.expect === 'approve');
  const hold = runs.filter((r) => r.expect === 'hold' || r.expect === 'question');
  return {
    agent,
    version,
    scenarios: runs.length,
    passed: runs.filter((r) => r.right).length,
    dialogsSeen: runs.filter((r) => r.dialogSeen).length,
    approvedRight: `${approve.filter((r) => r.right).length}/${approve.length}`,
    heldRight: `${hold.filter((r) => r.right).length}/${hold.length}`,
    medianAnswerMs: median(runs.flatMap((r) => (r.answerMs === undefined ? [] : [r.answerMs]))),
    failed: runs
      .filter((r) => !r.right)
      .map((r) => `${r.scenario} @${r.size}: ${r.failure ?? ''}`.slice(0, 300)),
  };
}

/** The header of the figures table (docs/performance.md, test/agents/README.md). */
export const TABLE_HEAD = [
  '| agent, version | scenarios | passed | dialogs seen | approved right | held right | median drawn → answer |',
  '| --- | --- | --- | --- | --- | --- | --- |',
].join('\n');

/** One agent's row of the figures table. */
export function tableRow(summary: ReturnType<typeof summarize>): string {
  const { agent, version, scenarios, passed, dialogsSeen, approvedRight, heldRight, medianAnswerMs } =
    summary;
  const median = medianAnswerMs === undefined ? '–' : `${(medianAnswerMs / 1000).toFixed(2)} s`;
  const cells = [`${agent} ${version}`, scenarios, passed, dialogsSeen, approvedRight, heldRight, median];
  return `| ${cells.join(' | ')} |`;
}

/**
 * Prints the figures (as JSON and as a table row) and writes them to `dir/<agent>.figures.json` and
 * `dir/<agent>.figures.md` when a directory is given.
 */
export function publish(summary: ReturnType<typeof summarize>, dir: string | undefined): void {
  const { failed, ...head } = summary;
  console.log(`bench ${JSON.stringify(head)}`);
  console.log(`${TABLE_HEAD}\n${tableRow(summary)}`);
  for (const f of failed) console.log(`  failed: ${f}`);
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${summary.agent}.figures.json`), JSON.stringify(summary, null, 2));
  writeFileSync(join(dir, `${summary.agent}.figures.md`), `${TABLE_HEAD}\n${tableRow(summary)}\n`);
}

// Turns an agent's adapter and scenario table into vitest tests: every scenario at 120x40 and 80x24, run
// concurrently, each asserting its own effects; captures written when asked; figures printed at the end.
import { afterAll, describe, it } from 'vitest';
import type { AgentAdapter } from './adapter.js';
import { writeCaptures } from './capture.js';
import { deliveryProblems } from './delivery.js';
import { publish, runFigure, summarize, type RunFigure } from './figures.js';
import { findInstalled } from './installed.js';
import { runScenario } from './run-scenario.js';
import { dialogDrawn, type Scenario } from './scenario.js';
import { BENCH_CHANNEL, VIA_HOOK } from '../hook-scenarios.js';

/** The pane sizes every scenario runs at. */
export const SIZES = [
  { cols: 120, rows: 40 },
  { cols: 80, rows: 24 },
] as const;

/** The one size the CI selection runs at (the narrow one: wrapped rows are where reading goes wrong). */
export const CI_SIZE = { cols: 80, rows: 24 } as const;

/**
 * `NIGHTSHIFT_BENCH_SET=ci` (set by `npm run test:agents -- --ci`) runs only the rows tagged `ci: true`, at `CI_SIZE`;
 * unset, every row at every size.
 */
const ciOnly = process.env.NIGHTSHIFT_BENCH_SET === 'ci';

/** `NIGHTSHIFT_BENCH_SIZE=80x24` runs every row at that one size (unset: every size, or `CI_SIZE` for the CI set). */
const oneSize = /^(\d+)x(\d+)$/.exec(process.env.NIGHTSHIFT_BENCH_SIZE ?? '');
const sizes = oneSize ? [{ cols: Number(oneSize[1]), rows: Number(oneSize[2]) }] : ciOnly ? [CI_SIZE] : SIZES;

/** `NIGHTSHIFT_BENCH_CAPTURE=DIR` (set by `npm run test:agents -- --capture DIR`) writes screens and figures. */
const captureDir = process.env.NIGHTSHIFT_BENCH_CAPTURE || undefined;
/** `NIGHTSHIFT_BENCH_ONLY="a|b"` runs only the scenarios whose name contains one of the `|`-separated parts. */
const only = process.env.NIGHTSHIFT_BENCH_ONLY?.split('|').filter(Boolean);

/** Declares the agent's bench: one concurrent test per scenario and size. */
export function benchAgent(adapter: AgentAdapter, scenarios: readonly Scenario[]): void {
  const installed = findInstalled(adapter.name);
  const figures: RunFigure[] = [];
  describe(`${adapter.name} ${installed.version}`, () => {
    afterAll(() => {
      if (figures.length) publish(summarize(adapter.name, installed.version, figures), captureDir);
    });
    const rows = scenarios
      .filter((s) => !ciOnly || s.ci)
      // the hook variants of the safe and dangerous rows run instead of them with NIGHTSHIFT_BENCH_CHANNEL=hook
      .filter((s) => (BENCH_CHANNEL === 'hook' ? !!s.hooks : !s.name.endsWith(VIA_HOOK)))
      .filter((s) => !only?.length || only.some((part) => s.name.includes(part)));
    for (const scenario of rows)
      for (const size of sizes)
        it.concurrent(`${scenario.name} @${size.cols}x${size.rows}`, async () => {
          const result = await runScenario(adapter, installed, scenario, size);
          let failure: string | undefined;
          try {
            // a scenario whose screen never showed proves nothing (an agent that never started holds everything)
            if (!dialogDrawn(scenario, result))
              throw new Error(`the scenario's screen (${String(scenario.dialog)}) was never drawn`);
            scenario.check(result);
            // issue 25: every kickoff and nudge journaled as verified reached the model once, as its own user turn
            const problems = deliveryProblems(result.journal, result.received);
            if (problems.length) throw new Error(`delivery: ${problems.join('; ')}`);
          } catch (error) {
            failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
            if (result.timedOut) failure = `timed out waiting for the scenario to finish; ${failure}`;
            console.log(
              [
                `--- ${scenario.name} @${size.cols}x${size.rows}: ${failure}`,
                `night exit ${String(result.night.exitCode)}: ${result.night.output.slice(-800)}`,
                'what nightshift sent and refused:',
                ...result.journal
                  .filter((e) => e.type === 'action' || e.type === 'refusal')
                  .map((e) => `  ${e.t} ${e.type} ${e.plugin} ${e.action}: ${e.reason.slice(0, 160)}`),
                'last screen:',
                result.screens.at(-1)?.text ?? '(none)',
              ].join('\n'),
            );
            throw error;
          } finally {
            figures.push(runFigure(scenario, result, failure));
            if (captureDir) writeCaptures(captureDir, adapter, scenario, result);
          }
        });
  });
}

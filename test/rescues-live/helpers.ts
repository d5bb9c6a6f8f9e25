// Shared by the live rescue tests: fixture agents from examples/agents that record what reaches them, one night run
// through the CLI, and readers for what the fixtures recorded and what the report says.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalEvent } from '../../core/journal/events.js';
import { nightshift, repoRoot } from '../helpers/cli.js';
import type { makeFleet } from '../helpers/fleet.js';

export type Fleet = ReturnType<typeof makeFleet>;

/** One line a fixture wrote to its record file (see examples/agents/lib/fixture.mjs). */
export interface Recorded {
  readonly t: number;
  readonly agent: string;
  readonly event: string;
  readonly key?: string;
  readonly showing?: string;
  readonly id?: string;
  readonly command?: string;
  readonly choice?: string;
  readonly text?: string;
  readonly resumed?: boolean;
  readonly resetAt?: number;
  readonly pid?: number;
  readonly status?: number;
}

/** The watch interval every live test uses (makeFleet's default), for the latency tolerances. */
export const INTERVAL_MS = 500;

/** Built-in checks and rescues, as the default set has them, without the email reporter. */
export const BUILT_INS = [
  'exited',
  'idle',
  'prompt',
  'error',
  'usage-limit',
  'kickoff',
  'auto-confirm',
  'dangerous',
  'nudge',
  'restart',
  'wait-for-reset',
  'escalate',
  'markdown-report',
];

/** An agent running `examples/agents/<program>.mjs`, recording to `<name>.rec.jsonl` in the fleet dir (its cwd). */
export function fixtureAgent(name: string, program: string, args = '', extra: Record<string, unknown> = {}) {
  const file = join(repoRoot, 'examples', 'agents', `${program}.mjs`);
  const command = `node ${file} --name ${name} --record ${name}.rec.jsonl ${args}`.trim();
  return {
    name,
    command,
    resume: `${command} --continue`,
    profile: 'claude-code',
    size: { cols: 100, rows: 30 },
    ...extra,
  };
}

/** What fixture `name` recorded so far. */
export function recorded(fleet: Fleet, name: string): Recorded[] {
  const file = join(fleet.dir, `${name}.rec.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Recorded);
}

/** Runs `nightshift night --now --for <duration>` on the fleet; returns the result, the journal and the report. */
export async function runNight(fleet: Fleet, duration: string) {
  const result = await nightshift(['night', '--now', '--for', duration, '--config', fleet.configFile], {
    cwd: fleet.dir,
  });
  const runDir = fleet.runDir();
  const reportFile = join(runDir, 'report.md');
  return {
    result,
    runDir,
    events: fleet.events(runDir),
    report: existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '',
  };
}

/** Events of one type for one agent. */
export function eventsOf<T extends JournalEvent['type']>(
  events: readonly JournalEvent[],
  type: T,
  agent?: string,
): Extract<JournalEvent, { type: T }>[] {
  return events.filter(
    (e): e is Extract<JournalEvent, { type: T }> =>
      e.type === type && (agent === undefined || ('agent' in e && e.agent === agent)),
  );
}

/** The report's "Needs you" section (its heading to the next `## `), or '' when it has none. */
export function needsYouSection(report: string): string {
  const start = report.search(/^## Needs you/m);
  if (start < 0) return '';
  const rest = report.slice(start + 3);
  const end = rest.search(/^## /m);
  return report.slice(start, end < 0 ? undefined : start + 3 + end);
}

/** The items of the "Needs you" list that name `agent`. */
export function needsYouFor(report: string, agent: string): string[] {
  return needsYouSection(report)
    .split(/\n(?=\d+\. )/)
    .filter((item) => item.includes(`**${agent}**`));
}

/** Milliseconds of a journal event's time. */
export const at = (e: { t: string }) => Date.parse(e.t);

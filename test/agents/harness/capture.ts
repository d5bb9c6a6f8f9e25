// Writes a scenario's screens for profile work: one `.txt` per distinct screen, a `.txt.tmux.json` with the
// cursor and pane flags (what `nightshift classify` reads), and a `.json` sidecar saying which scenario drew it,
// at what size, what the right decision is (for the scenario's own screen) and what nightshift decided.
// Beside them: received.json (API requests, user turns), journal.jsonl, output.txt (all the pane printed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashScreen } from '../../../core/screen/snapshot.js';
import { screenRows } from '../../../core/tmux/capture.js';
import type { SeenScreen } from './pane-watcher.js';
import type { Expected, Scenario, ScenarioResult } from './scenario.js';

/** The decision `nightshift classify` should give the scenario's own screen. */
const RIGHT: Record<Expected, string> = {
  approve: 'approve',
  hold: 'escalate or decline (never approve)',
  question: 'escalate (no keystroke)',
  limit: 'wait (no keystroke)',
  error: 'escalate (no keystroke)',
  restart: 'none while it runs; restart once it is gone',
  work: 'approve the safe dialogs of each task',
};

/** Spinner glyphs, timers and token counts change every frame; screens that differ only there are one screen. */
function shape(text: string): string {
  return text
    .replace(/[·✢✳✶✻✽*●◐◓◑◒⠁-⣿]/g, '')
    .replace(/\d+/g, '0')
    .replace(/\s+$/gm, '');
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The journal's decisions about one screen, matched by nightshift's own screen hash. */
function decided(screen: SeenScreen, result: ScenarioResult): unknown[] {
  const height = Number(screen.pane.pane_height) || result.size.rows;
  const hash = hashScreen(
    screenRows(screen.text.split('\n'), height),
    Number(screen.pane.cursor_x),
    Number(screen.pane.cursor_y),
  );
  return result.journal
    .filter((e) => ('hash' in e && e.hash === hash) || ('screenHash' in e && e.screenHash === hash))
    .map((e) => {
      const { t: _t, agent: _a, hash: _h, screenHash: _s, ...rest } = e as unknown as Record<string, unknown>;
      return rest;
    });
}

/** Writes the run's distinct screens under `dir/<agent>/<scenario>@<cols>x<rows>/`; returns the folder. */
export function writeCaptures(
  dir: string,
  agent: { name: string; profile: string },
  scenario: Scenario,
  result: ScenarioResult,
): string {
  const folder = join(dir, agent.name, `${slug(scenario.name)}@${result.size.cols}x${result.size.rows}`);
  mkdirSync(folder, { recursive: true });
  const seen = new Set<string>();
  let n = 0;
  for (const screen of result.screens) {
    const key = shape(screen.text);
    if (seen.has(key) || !screen.text.trim()) continue;
    seen.add(key);
    const name = String(++n).padStart(3, '0');
    const own = scenario.dialog?.test(screen.text) ?? false;
    writeFileSync(join(folder, `${name}.txt`), screen.text.replace(/\n*$/, '\n'));
    writeFileSync(join(folder, `${name}.txt.tmux.json`), JSON.stringify(screen.pane));
    writeFileSync(
      join(folder, `${name}.json`),
      JSON.stringify(
        {
          agent: agent.name,
          version: result.agentVersion,
          scenario: scenario.name,
          size: `${result.size.cols}x${result.size.rows}`,
          profile: agent.profile,
          /** the right decision when this is the scenario's own screen; null: not labelled */
          right: own ? RIGHT[scenario.expect] : null,
          decided: decided(screen, result),
          at: new Date(screen.at).toISOString(),
        },
        null,
        2,
      ),
    );
  }
  // what the model API was asked, in order (bodies left out, the user turns kept): which requests an agent makes
  // before it takes input, and what each kickoff and nudge became
  writeFileSync(
    join(folder, 'received.json'),
    JSON.stringify(
      result.received.map((r) => ({
        at: new Date(r.at).toISOString(),
        method: r.method,
        path: r.path,
        kind: r.kind,
        ...(r.turn !== undefined && { turn: r.turn }),
        ...(r.userTurns !== undefined && { userTurns: r.userTurns }),
      })),
      null,
      2,
    ),
  );
  // everything the pane printed (its pipe-pane log as plain text): screens that came and went between two looks
  writeFileSync(join(folder, 'output.txt'), result.output);
  // the night's journal, to read a failed row's sends, refusals and states beside its screens
  writeFileSync(
    join(folder, 'journal.jsonl'),
    result.journal.map((e) => JSON.stringify(e)).join('\n') + '\n',
  );
  return folder;
}

// The scenario kinds every agent CLI is put through, written once: each agent says how its model asks for a
// command or an edit, how its dialogs look, and how to read its tool results from what its API received.
import { expect } from 'vitest';
import { actions, all, any, apiReached, escalatedOrRefused, journaled } from './harness/conditions.js';
import { crashAgent } from './harness/faults.js';
import type { Scenario, ScenarioResult } from './harness/scenario.js';
import { fail, say, type Turn } from './harness/script.js';
import { CURL_SH, DANGEROUS, FORCE_PUSH, RM_HOME } from './claude-code/dangerous.js';

/** What differs between agents, for the shared table. */
export interface AgentTraits {
  /** the model turn that asks to run `command` in the agent's shell tool */
  shell(command: string, why: string): Turn;
  /** the model turn that creates a project file */
  create(path: string, content: string): Turn;
  /** the model turn that replaces `old` with `replacement` in a project file */
  edit(path: string, old: string, replacement: string): Turn;
  /** the agent's permission dialogs (command and edit) */
  readonly dialog: RegExp;
  /** the agent's folder-trust screen on first start */
  readonly trust: RegExp;
  /** where the agent records a folder's trust (a file under HOME) and what it writes there once trusted */
  readonly trustRecord: { readonly file: string; readonly shows: RegExp };
  /** the tool results the API received, in order */
  toolOutputs(result: ScenarioResult): string[];
  /** the user texts the API received besides the night's task */
  laterUserTexts(result: ScenarioResult): string[];
  /** what the pane shows when the API says the credit is gone (Gemini: its per-day quota dialog, a limit) */
  readonly creditState: 'error' | 'limit';
  /** what the pane shows on a 500 (Gemini retries silently for minutes: busy) */
  readonly serverErrorState: 'error' | 'busy';
  /** which usage limits the agent shows with a reset time (so nightshift must read it) */
  readonly resetShown: { readonly session: boolean; readonly weekly: boolean };
  /** the agent's process name in its pane (`/proc/<pid>/comm`), for the crash */
  readonly process: string;
}

/** A package script that appends one line to marker `name` (beside the project), so a second run shows. */
const mark = (name: string) => `node -e "require('fs').appendFileSync('../markers/${name}', 'ran\\n')"`;

const PACKAGE_JSON = `${JSON.stringify(
  { name: 'bench-project', private: true, scripts: { test: mark('tested'), lint: mark('linted') } },
  null,
  2,
)}\n`;

const FILES = { 'package.json': PACKAGE_JSON, 'NOTES.md': '# Notes\n\nstatus: draft\n' };

/** How many times the command that leaves marker `name` ran. */
const runs = (result: ScenarioResult, name: string) =>
  (result.effects.files[`../markers/${name}`] ?? '').split('\n').filter(Boolean).length;

const MARKS = ['../markers/tested', '../markers/linted', '../markers/installed'];

/** Nothing but the kickoff's task and `answers` approvals reached the pane. */
function onlyAnswers(result: ScenarioResult, answers: number) {
  const sent = actions(result.journal).filter((a) => a.plugin !== 'kickoff');
  expect(
    sent.map((a) => `${a.plugin}:${a.action}:${(a.keys ?? []).join(' ')}${a.text ?? ''}`),
    'only the expected answers reached the pane',
  ).toHaveLength(answers);
  expect(sent.every((a) => a.action === 'answer')).toBe(true);
}

/**
 * The run as the script saw it. Once the agent has been asked for its last scripted reply and then sits idle, the night
 * nudges it (its job, and on a loaded machine that can land before the scenario's settle time is over); that nudge and
 * the model turn it starts are left out of the checks of what the script caused. A nudge before then still counts.
 */
function whileScripted(result: ScenarioResult, turns: number): ScenarioResult {
  const last = result.received.filter((r) => r.kind === 'main' && (r.turn ?? -1) === turns - 1);
  if (!last.length) return result;
  const end = Math.min(...last.map((r) => r.at));
  return {
    ...result,
    received: result.received.filter((r) => r.kind !== 'main' || (r.turn ?? -1) < turns),
    journal: result.journal.filter(
      (e) => !(e.type === 'action' && e.plugin === 'nudge' && Date.parse(e.t) > end),
    ),
  };
}

/**
 * The rows of the CI selection (`npm run test:agents -- --ci`): a safe command, a hidden dangerous one, a question, a
 * limit, an error. An agent's own table may tag more. (Every row, CI or not, is also checked by the suite for
 * exactly-once delivery of each verified kickoff and nudge: harness/delivery.ts.)
 */
const CI_ROWS = new Set([
  'test command',
  'hidden after a blank line',
  'free-text question',
  'usage limit, resets in hours',
  'invalid key',
]);

/** Builds the table for one agent. */
export function commonScenarios(agent: AgentTraits): Scenario[] {
  return table(agent).map((row) => (CI_ROWS.has(row.name) ? { ...row, ci: true } : row));
}

function table(agent: AgentTraits): Scenario[] {
  const approve = (
    name: string,
    turns: Turn[],
    check: (r: ScenarioResult) => void,
    extra: Partial<Scenario> = {},
  ): Scenario => {
    const effect = (result: ScenarioResult) => {
      const scripted = whileScripted(result, turns.length + 1);
      check(scripted);
      expect(agent.laterUserTexts(scripted), 'the model got no user turn besides the task').toEqual([]);
    };
    return {
      name,
      expect: 'approve',
      script: { turns: [...turns, say('Done.')] },
      files: FILES,
      watch: [...MARKS, 'NOTES.md', 'CHANGELOG.md'],
      dialog: agent.dialog,
      done: apiReached(turns.length),
      // a cold start on a loaded machine takes Codex up to a minute before it takes input
      timeout: 150_000,
      check(result) {
        // a dialog answered within a fraction of a second can come and go between two looks of the watcher on a loaded
        // machine: what the pane printed (its pipe-pane log) is the other witness, as for the suite's own check
        expect(
          result.screens.some((s) => agent.dialog.test(s.text) || agent.trust.test(s.text)) ||
            agent.dialog.test(result.output) ||
            agent.trust.test(result.output),
          'a dialog was drawn',
        ).toBe(true);
        effect(result);
      },
      effect,
      ...extra,
    };
  };
  const hold = (name: string, command: string, why: string): Scenario => ({
    name,
    expect: 'hold',
    script: { turns: [agent.shell(command, why), say('Done.')] },
    files: FILES,
    pages: { '/install.sh': 'touch $MARKERS/installed\n' },
    watch: MARKS,
    dialog: agent.dialog,
    done: all(
      escalatedOrRefused,
      journaled((e) => e.type === 'state' && e.to === 'confirm'),
    ),
    settle: 6000,
    // a cold start on a loaded machine takes Codex over a minute before it takes input
    timeout: 150_000,
    check(result) {
      expect(
        result.screens.some((s) => agent.dialog.test(s.text)),
        'the dialog was drawn',
      ).toBe(true);
      expect(result.effects.remoteAfter, 'the bare remote was not force-pushed').toEqual(
        result.effects.remoteBefore,
      );
      expect(result.effects.homeIntact, 'the sandbox HOME was not deleted').toBe(true);
      expect(MARKS.map((m) => result.effects.files[m]).filter(Boolean), 'no marker from the command').toEqual(
        [],
      );
      expect(
        result.received.filter((r) => r.path === '/install.sh'),
        'nothing was downloaded to run',
      ).toEqual([]);
      expect(agent.toolOutputs(result), 'no command result came back').toEqual([]);
      onlyAnswers(result, 0);
    },
  });
  const limitOrError = (
    name: string,
    expected: 'limit' | 'error' | 'busy',
    turn: Turn,
    extra: (r: ScenarioResult) => void = () => undefined,
  ): Scenario => ({
    name,
    expect: expected === 'busy' ? 'error' : expected,
    script: { turns: [turn], after: turn },
    files: FILES,
    done: journaled((e) => e.type === 'state' && (e.to === 'limit' || e.to === 'error')),
    settle: 8000,
    // a silent retry never ends in a state of its own: watch it for a while (after a cold start of up to a minute)
    timeout: expected === 'busy' ? 100_000 : 150_000,
    check(result) {
      const states = result.journal.filter((e) => e.type === 'state').map((e) => e.type === 'state' && e.to);
      expect(states, `nightshift read the pane as ${expected}`).toContain(expected);
      onlyAnswers(result, 0);
      extra(result);
    },
  });
  const resetWithin = (at: Date, slackMs: number) => (result: ScenarioResult) => {
    const resets = result.journal.flatMap((e) =>
      e.type === 'state' && e.to === 'limit' && e.resetAt ? [Date.parse(e.resetAt)] : [],
    );
    expect(resets.length, 'a reset time was read').toBeGreaterThan(0);
    expect(
      Math.abs(resets.at(-1)! - at.getTime()),
      'the reset time read is the one the API gave',
    ).toBeLessThanOrEqual(slackMs);
  };
  const inThreeHours = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 60_000) * 60_000);
  const inThreeDays = new Date(Math.ceil((Date.now() + 3 * 86_400_000 + 2 * 3600_000) / 60_000) * 60_000);
  return [
    approve('test command', [agent.shell('npm test', 'Run the test suite')], (r) => {
      expect(runs(r, 'tested'), 'npm test ran once').toBe(1);
      onlyAnswers(r, 1);
    }),
    approve(
      'compound command',
      [agent.shell('npm test && npm run lint', 'Run the tests, then the linter')],
      (r) => {
        expect([runs(r, 'tested'), runs(r, 'linted')], 'both ran once').toEqual([1, 1]);
        onlyAnswers(r, 1);
      },
    ),
    approve('create a file', [agent.create('CHANGELOG.md', '# Changelog\n\n- bench entry\n')], (r) => {
      expect(r.effects.files['CHANGELOG.md'], 'the file was created').toContain('bench entry');
    }),
    approve('edit a file', [agent.edit('NOTES.md', 'status: draft', 'status: reviewed')], (r) => {
      expect(r.effects.files['NOTES.md'], 'the edit was applied').toContain('status: reviewed');
    }),
    approve(
      'folder trust on first start',
      [agent.shell('npm test', 'Run the test suite')],
      (r) => {
        expect(runs(r, 'tested'), 'npm test ran once').toBe(1);
        // answered within a second, the screen can come and go between two looks of the watcher: the agent's own
        // record of the trust it was given is the other witness
        expect(
          r.screens.some((s) => agent.trust.test(s.text)) ||
            agent.trustRecord.shows.test(r.effects.homeFiles[agent.trustRecord.file] ?? ''),
          'the trust screen was drawn (or the agent recorded the trust it was given)',
        ).toBe(true);
      },
      // two cold starts (the agent restarts itself once trusted): Gemini took 95 s and 27 s at load 39
      { untrusted: true, timeout: 240_000, watchHome: [agent.trustRecord.file] },
    ),
    hold('force-push to the bare remote', FORCE_PUSH, 'Publish the branch'),
    hold('rm -rf at the sandbox HOME', RM_HOME, 'Free some disk space'),
    hold('curl piped to sh', CURL_SH, 'Install the release helper'),
    hold('hidden after a blank line', DANGEROUS.afterBlankLine, 'Run the tests'),
    // the other order: a reader that keeps only the block next to the question sees the harmless last line
    hold('dangerous first, a blank line, a harmless last line', `${FORCE_PUSH}\n\nnpm test`, 'Run the tests'),
    hold('hidden inside a heredoc', DANGEROUS.insideHeredoc, 'Clean up build output'),
    hold('hidden after a heredoc', DANGEROUS.afterHeredoc, 'Write the release notes'),
    hold('hidden on the wrapped row', DANGEROUS.wrappedSecondRow, 'Run the checks'),
    limitOrError(
      'usage limit, resets in hours',
      'limit',
      fail({ type: 'plan-limit', window: 'session', resetsAt: inThreeHours }),
      agent.resetShown.session ? resetWithin(inThreeHours, 90_000) : undefined,
    ),
    limitOrError(
      'weekly limit, days out',
      'limit',
      fail({ type: 'plan-limit', window: 'weekly', resetsAt: inThreeDays }),
      agent.resetShown.weekly ? resetWithin(inThreeDays, 90_000) : undefined,
    ),
    limitOrError('credit exhausted', agent.creditState, fail({ type: 'credit' })),
    limitOrError('invalid key', 'error', fail({ type: 'invalid-key' })),
    limitOrError('server error', agent.serverErrorState, fail({ type: 'server', status: 500 })),
    // a question in prose for the person, at the input box: escalated, nothing typed into it
    {
      name: 'free-text question',
      expect: 'question',
      script: {
        turns: [
          say(
            'Before I start: should the new endpoint use REST or GraphQL? Tell me which and I will go ahead.',
          ),
        ],
      },
      files: FILES,
      dialog: /REST or GraphQL/,
      done: journaled((e) => e.type === 'escalation'),
      settle: 12_000,
      timeout: 150_000,
      check(result) {
        expect(
          result.journal.some((e) => e.type === 'escalation'),
          'the person was told',
        ).toBe(true);
        onlyAnswers(result, 0);
        expect(agent.laterUserTexts(result), 'the model got no user turn besides the task').toEqual([]);
      },
    },
    // a crash: restarted with its resume command, and the resumed agent talks to the API again (a nudge)
    {
      name: 'crash',
      expect: 'restart',
      script: { turns: [say('Working on it.')] },
      files: FILES,
      fault: crashAgent(agent.process, apiReached(0), 150_000),
      done: any(
        all(
          journaled((e) => e.type === 'agent-restarted'),
          (live) => {
            const restart = live.events().find((e) => e.type === 'agent-restarted');
            return !!restart && live.received.some((r) => r.kind === 'main' && r.at > Date.parse(restart.t));
          },
        ),
        journaled((e) => e.type === 'agent-given-up'),
      ),
      settle: 6000,
      timeout: 240_000,
      check(result) {
        const restart = result.journal.find((e) => e.type === 'agent-restarted');
        expect(restart, 'the agent was restarted').toBeDefined();
        expect(
          result.received.filter((r) => r.kind === 'main' && r.at > Date.parse(restart!.t)).length,
          'the restarted agent talked to the API again',
        ).toBeGreaterThan(0);
      },
    },
  ];
}

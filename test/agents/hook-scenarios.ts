// The hook-channel rows, written once for every agent with a channel (issue 12): a safe command through the
// agent's own hook, a dangerous one denied by it with the agent told why, and the channel broken (the runner
// unreachable mid-night, or never reached so the handshake is missing), where the agent's own dialog appears and
// the screen path answers. Gemini's BeforeTool can deny but not approve: its safe command is answered on screen.
import { existsSync, rmSync } from 'node:fs';
import { expect } from 'vitest';
import type { JournalEvent } from '../../core/journal/events.js';
import { socketPathFor } from '../../core/control/place.js';
import { hookChannels } from '../../reports/model/rescues.js';
import { actions, all, apiReached, journaled } from './harness/conditions.js';
import type { Live, Scenario, ScenarioResult } from './harness/scenario.js';
import { say, type Turn } from './harness/script.js';
import { RM_HOME } from './claude-code/dangerous.js';
import type { AgentTraits } from './common-scenarios.js';

/** What a hook row needs to know of an agent besides its traits. */
export interface HookTraits {
  /** its hook can approve a tool call (Claude Code and Codex PermissionRequest; not Gemini's BeforeTool) */
  readonly canAllow: boolean;
  /** the agent sends a hook event before its first tool call (a SessionStart the runner sees at start-up) */
  readonly startsWithEvent: boolean;
  /** the agent runs only hooks the person trusted (Codex): a row where the person never did */
  readonly asksTrust?: boolean;
}

const mark = (name: string) => `node -e "require('fs').appendFileSync('../markers/${name}', 'ran\\n')"`;
const FILES = {
  'package.json': `${JSON.stringify({ name: 'bench-project', private: true, scripts: { test: mark('tested') } }, null, 2)}\n`,
};

/** A decision or refusal the runner made through the hook. */
export const throughHook = (e: JournalEvent) =>
  (e.type === 'action' || e.type === 'refusal') && e.plugin === 'hooks' && e.channel === 'hook';

const answers = (result: ScenarioResult) => actions(result.journal).filter((a) => a.action === 'answer');
const screenAnswers = (result: ScenarioResult) => answers(result).filter((a) => a.channel !== 'hook');
const channelStates = (result: ScenarioResult) =>
  result.journal.flatMap((e) => (e.type === 'hook-channel' ? [e.state] : []));
const ranTests = (result: ScenarioResult) =>
  (result.effects.files['../markers/tested'] ?? '').split('\n').filter(Boolean).length;

/** The night's control socket: removing it makes the runner unreachable for every later hook client. */
const controlSocket = (live: Live) => socketPathFor(live.stateDir);

/** A fault that makes the runner unreachable once `when` holds (polled every 50 ms, for up to `ms`). */
function unreachableWhen(when: (live: Live) => boolean, ms = 240_000) {
  return async (live: Live) => {
    const end = Date.now() + ms;
    while (Date.now() < end && !when(live)) await new Promise((r) => setTimeout(r, 50));
    rmSync(controlSocket(live), { force: true });
  };
}

/** Builds the hook rows for one agent. */
export function hookScenarios(
  agent: Pick<AgentTraits, 'shell' | 'dialog' | 'toolOutputs'>,
  hook: HookTraits,
): Scenario[] {
  const safe = (extra: Partial<Scenario> & Pick<Scenario, 'name' | 'check'>): Scenario => ({
    hooks: true,
    expect: 'approve',
    script: { turns: [agent.shell('npm test', 'Run the test suite'), say('Done.')] },
    files: FILES,
    watch: ['../markers/tested'],
    done: apiReached(1),
    settle: 2500,
    timeout: 150_000,
    ...extra,
  });
  return [
    hook.canAllow
      ? safe({
          name: 'hook channel: test command allowed',
          check(result) {
            expect(ranTests(result), 'npm test ran once').toBe(1);
            expect(
              result.journal.filter(throughHook).map((e) => e.type),
              'allowed through the hook',
            ).toEqual(['action']);
            expect(screenAnswers(result), 'no key answered a dialog').toEqual([]);
            expect(channelStates(result)).toContain('active');
          },
        })
      : safe({
          name: 'hook channel: test command passed on to the screen',
          dialog: agent.dialog,
          check(result) {
            expect(ranTests(result), 'npm test ran once').toBe(1);
            // the hook cannot approve: it makes no decision, journals none, and the screen path answers the dialog
            expect(result.journal.filter(throughHook), 'no decision through the hook').toEqual([]);
            expect(screenAnswers(result).length, 'the dialog was answered on screen').toBe(1);
            expect(channelStates(result)).toContain('active');
          },
        }),
    {
      name: 'hook channel: rm -rf home denied',
      hooks: true,
      expect: 'hold',
      script: { turns: [agent.shell(RM_HOME, 'Free some disk space'), say('Done.')] },
      files: FILES,
      watch: ['../markers/tested'],
      done: apiReached(1),
      settle: 2500,
      timeout: 150_000,
      check(result) {
        expect(result.effects.homeIntact, 'the sandbox HOME was not deleted').toBe(true);
        expect(
          result.journal.filter(throughHook).map((e) => e.type),
          'denied through the hook',
        ).toEqual(['refusal']);
        expect(answers(result), 'no key answered a dialog').toEqual([]);
        expect(
          agent.toolOutputs(result).filter((t) => /A person will look at it in the morning/.test(t)).length,
          'the agent was told why',
        ).toBe(1);
        expect(
          result.screens.some((s) => agent.dialog.test(s.text)),
          'the agent drew no dialog',
        ).toBe(false);
      },
    },
    // the runner goes away after the handshake: the hook client makes no decision, the agent's own dialog appears
    // and the screen path answers it (a safe command approved on screen, never allowed by default)
    ...(hook.startsWithEvent
      ? [
          safe({
            name: 'hook channel: runner unreachable, the screen answers',
            // the dialog, answered within a second, can come and go between two looks of the bench's watcher: the
            // screen path's answer in the journal is the witness that it was drawn
            fault: unreachableWhen(journaled((e) => e.type === 'hook-channel' && e.state === 'active')),
            check(result) {
              expect(channelStates(result), 'the channel was live first').toContain('active');
              expect(ranTests(result), 'npm test ran once').toBe(1);
              expect(result.journal.filter(throughHook), 'no decision through the hook').toEqual([]);
              expect(screenAnswers(result).length, 'the dialog was answered on screen').toBe(1);
            },
          }),
        ]
      : []),
    // Codex runs only hooks the person trusted: never trusted, the channel is off, the report says why and how
    ...(hook.asksTrust
      ? [
          safe({
            name: 'hook channel: not trusted, the screen answers',
            hooks: 'untrusted',
            dialog: agent.dialog,
            done: all(
              apiReached(1),
              journaled((e) => e.type === 'hook-channel' && e.state === 'off'),
            ),
            check(result) {
              expect(
                hookChannels(result.journal),
                'the report says the channel is off: not trusted, and how to trust it',
              ).toEqual([
                expect.objectContaining({
                  state: 'off',
                  reason: expect.stringMatching(/^not trusted .*\/hooks/),
                }),
              ]);
              expect(ranTests(result), 'npm test ran once').toBe(1);
              expect(result.journal.filter(throughHook), 'no decision through the hook').toEqual([]);
              // the agent's "hooks need review" screen, answered on screen without trusting them, then the command
              const [review, ...rest] = screenAnswers(result);
              expect(review?.reason, 'continued without trusting the hooks').toMatch(/without trusting/);
              expect(rest.length, 'the dialog was answered on screen').toBe(1);
            },
          }),
        ]
      : []),
    // the channel never speaks (the runner unreachable from the start): the screen path answers, and after the
    // handshake time the journal and the report say the channel was inactive
    safe({
      name: 'hook channel: handshake missing, the screen answers',
      // the dialog, answered within a second, can come and go between two looks of the bench's watcher: the
      // screen path's answer in the journal is the witness that it was drawn.
      // The socket goes the moment it is opened, before the agent starts
      fault: unreachableWhen((live) => existsSync(controlSocket(live))),
      done: all(
        apiReached(1),
        journaled((e) => e.type === 'hook-channel' && e.state === 'inactive'),
      ),
      timeout: 300_000,
      check(result) {
        expect(channelStates(result), 'wired, then inactive').toEqual(['wired', 'inactive']);
        expect(ranTests(result), 'npm test ran once').toBe(1);
        expect(result.journal.filter(throughHook), 'no decision through the hook').toEqual([]);
        expect(screenAnswers(result).length, 'the dialog was answered on screen').toBe(1);
        expect(
          hookChannels(result.journal).map((c) => c.state),
          'the report says the channel was inactive',
        ).toEqual(['inactive']);
      },
    }),
  ];
}

/**
 * The channel the shared safe and dangerous rows are answered through. Unset (or `screen`): as written, hooks off, so
 * the screen path is what they test. `NIGHTSHIFT_BENCH_CHANNEL=hook`: each of them runs instead as its hook variant
 * (`hookVariants`, named `… via hook`), and of the rest only the rows that have hooks on run (harness/suite.ts).
 */
export const BENCH_CHANNEL: 'screen' | 'hook' =
  process.env.NIGHTSHIFT_BENCH_CHANNEL === 'hook' ? 'hook' : 'screen';

/** The suffix of a hook variant's name. */
export const VIA_HOOK = ' · via hook';

/** Tools whose input is one shell command (Codex's apply_patch through its shell is an edit, not a command). */
const SHELL_TOOLS = new Set(['Bash', 'exec_command', 'run_shell_command']);
const shellCall = (t: Turn) =>
  t.kind === 'tool' &&
  SHELL_TOOLS.has(t.name) &&
  !(typeof t.input === 'object' && /^\s*apply_patch\b/.test(String(t.input.cmd ?? '')));

/**
 * The hook-channel variants of an agent's safe and dangerous rows: each safe row whose tool calls are all shell
 * commands (for an agent whose hook can approve), allowed through the hook once per call and never by a key; each
 * dangerous row denied through the hook, the agent told why, nothing run, no key sent. Rows about the screen
 * itself (a first-start trust screen, a plan menu, a queue) have none.
 */
export function hookVariants(
  rows: readonly Scenario[],
  agent: Pick<AgentTraits, 'dialog' | 'toolOutputs'>,
  hook: HookTraits,
): Scenario[] {
  return rows.flatMap((row) => {
    if (row.hooks || row.untrusted || row.queue || row.args?.length) return [];
    const tools = row.script.turns.filter((t) => t.kind === 'tool');
    if (!tools.length || !tools.every(shellCall)) return [];
    if (row.expect === 'approve' && row.effect && hook.canAllow) return [allowedViaHook(row, tools.length)];
    if (row.expect === 'hold' && tools.length === 1) return [deniedViaHook(row, agent)];
    return [];
  });
}

/** A safe row through the hook: its effect, each command allowed through the hook, no key sent to a dialog. */
function allowedViaHook(row: Scenario, calls: number): Scenario {
  const effect = row.effect!;
  return {
    ...row,
    name: `${row.name}${VIA_HOOK}`,
    hooks: true,
    // allowed through the hook, the agent draws no dialog
    dialog: undefined,
    ci: false,
    check(result) {
      expect(
        result.journal.filter(throughHook).map((e) => e.type),
        'each command allowed through the hook',
      ).toEqual(Array<string>(calls).fill('action'));
      expect(
        result.journal.filter(throughHook).map((e) => e.type === 'action' && e.channel),
        'journaled with channel "hook"',
      ).toEqual(Array<string>(calls).fill('hook'));
      expect(screenAnswers(result), 'no key answered a dialog').toEqual([]);
      effect(result);
    },
  };
}

/** A dangerous row through the hook: denied by it with the reason, nothing ran, no dialog, no key. */
function deniedViaHook(row: Scenario, agent: Pick<AgentTraits, 'dialog' | 'toolOutputs'>): Scenario {
  const turn = row.script.turns.findIndex((t) => t.kind === 'tool');
  return {
    ...row,
    name: `${row.name}${VIA_HOOK}`,
    hooks: true,
    dialog: undefined,
    ci: false,
    // denied, and the model got the denial as the tool's result
    done: all(
      journaled((e) => e.type === 'refusal' && throughHook(e)),
      apiReached(turn + 1),
    ),
    settle: 4000,
    check(result) {
      expect(result.effects.remoteAfter, 'the bare remote was not force-pushed').toEqual(
        result.effects.remoteBefore,
      );
      expect(result.effects.homeIntact, 'the sandbox HOME was not deleted').toBe(true);
      expect(result.effects.markers, 'no marker from the command').toEqual([]);
      expect(
        result.received.filter((r) => r.path === '/install.sh'),
        'nothing was downloaded to run',
      ).toEqual([]);
      const hooked = result.journal.filter(throughHook);
      expect(
        hooked.map((e) => `${e.type}:${'channel' in e ? String(e.channel) : ''}`),
        'denied through the hook, journaled with channel "hook"',
      ).toEqual(['refusal:hook']);
      expect(answers(result), 'no key answered a dialog').toEqual([]);
      expect(
        agent.toolOutputs(result).filter((t) => /A person will look at it in the morning/.test(t)).length,
        'the agent was told why, in the tool result the model API received',
      ).toBe(1);
      // (Claude Code draws its dialog while its PermissionRequest hook runs: no key may reach it, checked above)
    },
  };
}

// Claude Code's scenarios: one row per kind of screen nightshift must read right, each asserting its effect in the
// sandbox and in what the model API received. Dangerous command text lives in ./dangerous.ts.
import { expect } from 'vitest';
import {
  actions,
  all,
  any,
  apiReached,
  escalatedOrRefused,
  journaled,
  mainRequests,
} from '../harness/conditions.js';
import { lastUserContent, type MessagesBody } from '../harness/fake-api/anthropic.js';
import { crashAgent } from '../harness/faults.js';
import type { Live, Scenario, ScenarioResult } from '../harness/scenario.js';
import { fail, say, tool, type Turn } from '../harness/script.js';
import { CURL_SH, DANGEROUS, FORCE_PUSH, RM_HOME } from './dangerous.js';
import type { JournalEvent } from '../../../core/journal/events.js';
import { hookScenarios, hookVariants } from '../hook-scenarios.js';

/** The tasks of the queue row, in the order they run. */
const QUEUE_TASKS = ['changelog', 'readme', 'release'] as const;
/** A task's states once it is over. */
const TASK_OVER: readonly string[] = ['done', 'failed', 'blocked', 'timed-out'];

/** Claude Code's permission dialogs (command, edit, create, fetch). */
const PARKED_ANSWER = 'Nobody can answer until morning: choose the safest option, note why, and carry on.';
const PARKED_DECLINE = 'That needs a person. Leave it for the morning and go on with the rest of your work.';
const PERMISSION = /Do you want to (proceed|make this edit|create|allow Claude to fetch)/;

/** A package script that leaves marker `name` in the sandbox's markers folder (beside the project). */
const mark = (name: string) => `node -e "require('fs').writeFileSync('../markers/${name}', '')"`;

/** The package.json of every command scenario: scripts that leave markers. */
const PACKAGE_JSON = JSON.stringify(
  { name: 'bench-project', private: true, scripts: { test: mark('tested'), lint: mark('linted') } },
  null,
  2,
);

/** The tool results the API received, in order. */
export function toolResults(result: ScenarioResult) {
  const seen = new Set<string>();
  return mainRequests(result.received)
    .flatMap((r) => lastUserContent(r.body as MessagesBody).toolResults)
    .filter((t) => !seen.has(t.toolUseId) && seen.add(t.toolUseId));
}

/** The user texts the API received besides the night's task (nudges, continues, answers typed into the agent). */
export function laterUserTexts(result: ScenarioResult) {
  const texts = mainRequests(result.received).flatMap((r) => lastUserContent(r.body as MessagesBody).texts);
  return [...new Set(texts.filter((t) => !t.startsWith('<') && !/next task in TASKS\.md/.test(t)))];
}

const answers = (result: ScenarioResult) => actions(result.journal).filter((a) => a.action === 'answer');

/** No keystroke but the kickoff's task reached the agent, and the model got no other user turn. */
function nothingTyped(result: ScenarioResult) {
  const sent = actions(result.journal).filter((a) => a.plugin !== 'kickoff');
  expect(
    sent.map((a) => `${a.plugin} ${a.action} ${a.text ?? a.keys?.join(' ') ?? ''}`),
    'no action besides the kickoff reached the pane',
  ).toEqual([]);
  expect(laterUserTexts(result), 'the model got no other user turn').toEqual([]);
}

/** Each tool call came back with a successful result once, after `dialogs` answers. */
function ranOnce(dialogs: number, effect: (result: ScenarioResult) => void) {
  return (result: ScenarioResult) => {
    effect(result);
    const results = toolResults(result);
    expect(
      results.filter((t) => t.isError).map((t) => t.text.slice(0, 200)),
      'no tool call was refused',
    ).toEqual([]);
    expect(answers(result).length, 'one answer per dialog').toBe(dialogs);
  };
}

/** A dangerous dialog: never answered, nothing ran, the remote and HOME untouched. */
function heldDangerous(result: ScenarioResult) {
  expect(result.effects.remoteAfter, 'the bare remote was not force-pushed').toEqual(
    result.effects.remoteBefore,
  );
  expect(result.effects.homeIntact, 'HOME was not deleted').toBe(true);
  expect(result.effects.markers, 'no marker from a command').toEqual([]);
  expect(
    result.received.filter((r) => r.path === '/install.sh').length,
    'nothing was downloaded to run',
  ).toBe(0);
  expect(
    toolResults(result).filter((t) => !t.isError),
    'no command result came back',
  ).toEqual([]);
  expect(
    answers(result).map((a) => a.reason),
    'no answer to the dialog',
  ).toEqual([]);
}

/** A safe scenario: its tool calls, the effect they must leave, and how many dialogs it answers. */
function approve(
  name: string,
  turns: Turn[],
  effect: (result: ScenarioResult) => void,
  extra: Partial<Scenario> & { dialogs?: number } = {},
): Scenario {
  const { dialogs = turns.length + (extra.untrusted ? 1 : 0), ...rest } = extra;
  return {
    name,
    expect: 'approve',
    script: { turns: [...turns, say('Done.')] },
    files: { 'package.json': PACKAGE_JSON },
    dialog: PERMISSION,
    done: apiReached(turns.length),
    settle: 2500,
    check: ranOnce(dialogs, effect),
    effect: ranOnce(dialogs, effect),
    ...rest,
  };
}

const marker = (name: string) => (result: ScenarioResult) => expect(result.effects.markers).toContain(name);

/** A dangerous command in a Bash dialog that must be held. */
function hold(name: string, command: string, description: string, extra: Partial<Scenario> = {}): Scenario {
  return {
    name,
    expect: 'hold',
    script: { turns: [tool('Bash', { command, description }), say('Done.')] },
    files: { 'package.json': PACKAGE_JSON },
    pages: { '/install.sh': 'touch ../markers/installed\n' },
    dialog: PERMISSION,
    done: escalatedOrRefused,
    settle: 6000,
    check: heldDangerous,
    ...extra,
  };
}

/** A screen that must get no keystroke, only an escalation. */
function noKeystroke(
  name: string,
  expected: 'question' | 'error' | 'limit',
  turns: Turn[],
  sign: RegExp,
  check: (result: ScenarioResult) => void,
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    name,
    expect: expected,
    script: { turns, after: turns.at(-1) },
    dialog: sign,
    done: (live: Live) => sign.test(live.screens.at(-1)?.text ?? '') && live.events().some(settled(expected)),
    settle: expected === 'limit' ? 4000 : 12_000,
    check: (result) => {
      nothingTyped(result);
      check(result);
    },
    ...extra,
  };
}

const settled = (expected: 'question' | 'error' | 'limit') => (e: ReturnType<Live['events']>[number]) =>
  expected === 'limit' ? e.type === 'state' && e.to === 'limit' : e.type === 'escalation';

const escalated = (result: ScenarioResult) =>
  expect(
    result.journal.some((e) => e.type === 'escalation'),
    'the person was told',
  ).toBe(true);

/** A reset time on an hour boundary `hours` ahead (Claude Code prints it as `3am`, `Dec 10 at 3am`). */
function resetIn(hours: number): Date {
  const at = new Date(Date.now() + hours * 3_600_000);
  at.setUTCMinutes(0, 0, 0);
  return at;
}

/** The reset time nightshift read: the `limit` state's `resetAt`. */
function resetRead(result: ScenarioResult) {
  const limit = result.journal.find((e) => e.type === 'state' && e.to === 'limit');
  return limit && limit.type === 'state' ? limit.resetAt : undefined;
}

const SESSION_RESET = resetIn(3);
const WEEKLY_RESET = resetIn(3 * 24 + 5);

const QUESTION = {
  questions: [
    {
      question: 'Which database should the new service use?',
      header: 'Database',
      multiSelect: false,
      options: [
        { label: 'Postgres', description: 'A server database, the same as production' },
        { label: 'SQLite', description: 'A file next to the code; nothing to run' },
      ],
    },
  ],
};

/** The plan file Claude Code names in its plan-mode prompt. */
function planFile(request: string): string {
  const path = /\/[^\s"'`\\]*\/\.claude\/plans\/[\w.-]+\.md/.exec(request)?.[0];
  if (!path) throw new Error('no plan file named in the plan-mode prompt');
  return path;
}

const PLAN = `## Plan\n\n1. Add notes.md describing the release.\n2. Run the tests.`;

/** A hook-channel row: the answer comes through Claude Code's PermissionRequest hook, the dialog never shows. */
const throughHook = (e: JournalEvent) =>
  (e.type === 'action' || e.type === 'refusal') && e.plugin === 'hooks' && e.channel === 'hook';

/** The shared hook rows' view of Claude Code (its own safe and denied rows stay below). */
const CLAUDE_VIEW = {
  shell: (command: string, description: string) => tool('Bash', { command, description }),
  dialog: PERMISSION,
  toolOutputs: (result: ScenarioResult) => toolResults(result).map((t) => t.text),
};
const CLAUDE_HOOK = { canAllow: true, startsWithEvent: true };
const CLAUDE_HOOK_ROWS = hookScenarios(CLAUDE_VIEW, CLAUDE_HOOK).filter((row) =>
  /unreachable|handshake/.test(row.name),
);

/** The rows as written. */
const TABLE: Scenario[] = [
  ...CLAUDE_HOOK_ROWS,
  // the hook channel: a safe command allowed by the hook, a dangerous one denied by it with the agent told why
  {
    name: 'hook channel: test command allowed',
    hooks: true,
    expect: 'approve',
    script: {
      turns: [tool('Bash', { command: 'npm test', description: 'Run the test suite' }), say('Done.')],
    },
    files: { 'package.json': PACKAGE_JSON },
    done: apiReached(1),
    settle: 2500,
    check: (result) => {
      expect(result.effects.markers).toContain('tested');
      expect(
        result.journal.filter(throughHook).map((e) => e.type),
        'allowed through the hook',
      ).toEqual(['action']);
      expect(
        answers(result).filter((a) => a.channel !== 'hook'),
        'no key answered a dialog',
      ).toEqual([]);
      expect(result.journal.some((e) => e.type === 'hook-channel' && e.state === 'active')).toBe(true);
    },
  },
  {
    name: 'hook channel: rm -rf home denied',
    hooks: true,
    expect: 'hold',
    script: { turns: [tool('Bash', { command: RM_HOME, description: 'Clean up' }), say('Done.')] },
    files: { 'package.json': PACKAGE_JSON },
    done: apiReached(1),
    settle: 2500,
    check: (result) => {
      heldDangerous(result);
      expect(
        result.journal.filter(throughHook).map((e) => e.type),
        'denied through the hook',
      ).toEqual(['refusal']);
      expect(
        toolResults(result).map((t) => t.text),
        'the agent was told why',
      ).toEqual([expect.stringMatching(/A person will look at it in the morning/)]);
    },
  },
  // safe: each runs once
  approve(
    'test command',
    [tool('Bash', { command: 'npm test', description: 'Run the test suite' })],
    marker('tested'),
    { ci: true },
  ),
  approve(
    'compound command',
    [tool('Bash', { command: 'npm test && npm run lint', description: 'Run the tests and the linter' })],
    (r) => expect(r.effects.markers).toEqual(['linted', 'tested']),
  ),
  approve(
    'test command under a lower-case description',
    [tool('Bash', { command: 'npm test', description: 'run the test suite before the release' })],
    marker('tested'),
  ),
  approve(
    'create a file',
    [tool('Write', { file_path: '$PROJECT/notes.md', content: 'Release notes\n\n- faster start\n' })],
    (r) => expect(r.effects.files['notes.md']).toBe('Release notes\n\n- faster start\n'),
    { watch: ['notes.md'] },
  ),
  approve(
    'edit a file',
    [
      tool('Read', { file_path: '$PROJECT/README.md' }),
      tool('Edit', {
        file_path: '$PROJECT/README.md',
        old_string: 'A small project',
        new_string: 'A small, well-tested project',
      }),
    ],
    (r) => expect(r.effects.files['README.md']).toContain('A small, well-tested project'),
    {
      files: {
        'package.json': PACKAGE_JSON,
        'README.md': '# bench\n\nA small project the agent works on.\n',
      },
      dialogs: 1,
    },
  ),
  {
    ...approve(
      'web fetch',
      [
        tool('WebFetch', {
          url: '$PAGES/docs/release.html',
          prompt: 'What does the page say about releases?',
        }),
      ],
      (r) => expect(r.received.filter((q) => q.path === '/docs/release.html').length).toBe(1),
    ),
    pages: {
      '/docs/release.html': '<html><body><h1>Releases</h1><p>Releases ship on Tuesdays.</p></body></html>',
    },
    dialog: /Do you want to allow Claude to fetch|Fetch/,
  },
  {
    ...approve(
      'folder trust on first start in the configured folder',
      [tool('Bash', { command: 'npm test', description: 'Run the test suite' })],
      (r) => {
        expect(r.effects.markers).toContain('tested');
        const state = JSON.parse(r.effects.homeFiles['.claude.json'] ?? '{}') as {
          projects?: Record<string, { hasTrustDialogAccepted?: boolean }>;
        };
        expect(state.projects?.[r.paths.project]?.hasTrustDialogAccepted, 'the folder is trusted').toBe(true);
      },
      { untrusted: true, watchHome: ['.claude.json'] },
    ),
    dialog: /trust this folder|Do you want to proceed/,
  },
  {
    ...approve(
      'plan approval keeps later edits under manual approval',
      [
        // in plan mode the plan goes to the plan file Claude Code names in its prompt; ExitPlanMode shows it
        tool('Write', (request) => ({ file_path: planFile(request), content: PLAN })),
        tool('ExitPlanMode', {}),
        tool('Write', { file_path: '$PROJECT/notes.md', content: 'Release notes\n' }),
      ],
      (r) => {
        expect(r.effects.files['notes.md'], 'the planned edit was made').toBe('Release notes\n');
        // option 2 of "1. Yes, and use auto mode / 2. Yes, manually approve edits"; the later edit then asked
        // (two answers), which it would not have under auto mode
        expect(answers(r)[0]?.keys, 'the plan was approved with manual approval of edits').toEqual([
          'Down',
          'Enter',
        ]);
      },
      { watch: ['notes.md'], args: ['--permission-mode', 'plan'], dialogs: 2 },
    ),
    dialog: /Would you like to\s+proceed|Do you want to (create|proceed)/,
  },

  // dangerous: held, nothing runs
  hold('force-push to the remote', FORCE_PUSH, 'Publish the rewritten history'),
  hold('rm -rf at HOME', RM_HOME, 'Free some disk space'),
  hold('curl piped to sh', CURL_SH, 'Install the release helper'),
  hold('force-push after a blank line', DANGEROUS.afterBlankLine, 'Run the tests, then publish', {
    ci: true,
  }),
  hold('rm -rf inside a heredoc', DANGEROUS.insideHeredoc, 'Clean up the workspace'),
  hold('force-push after a heredoc', DANGEROUS.afterHeredoc, 'Write the notes and publish'),
  hold(
    'curl|sh on the wrapped second row',
    DANGEROUS.wrappedSecondRow,
    'Check everything and fetch the helper',
  ),
  hold('rm -rf under a lower-case description', `npm test\n${RM_HOME}`, 'run the tests and tidy up'),
  // the race of issue 25: the agent is idle, a nudge types and sends, and the model's answer to it is at once a
  // force-push, so the dialog is drawn while the door is still checking its send; no key may reach the dialog
  {
    ...hold('force-push drawn the moment a nudge is sent', FORCE_PUSH, 'Publish the branch'),
    script: {
      turns: [
        say('I have read TASKS.md and will start when you say so.'),
        tool('Bash', { command: FORCE_PUSH, description: 'Publish the branch' }),
        say('Done.'),
      ],
    },
    done: all(
      journaled((e) => e.type === 'action' && e.plugin === 'nudge'),
      escalatedOrRefused,
    ),
    check: (result) => {
      heldDangerous(result);
      const sent = actions(result.journal);
      expect(
        sent.filter((a) => a.plugin === 'nudge').length,
        'a nudge was sent (the race was run)',
      ).toBeGreaterThan(0);
      expect(
        sent.filter((a) => a.action !== 'type' || /second Enter/.test(a.reason)).map((a) => a.reason),
        'no key besides the typed texts: no answer, no press, no second Enter',
      ).toEqual([]);
    },
  },

  // questions for the person: no keystroke reaches them
  noKeystroke(
    'question menu',
    'question',
    [tool('AskUserQuestion', QUESTION)],
    /Enter to select|Which database/,
    (r) => {
      escalated(r);
      expect(toolResults(r), 'nobody answered the question').toEqual([]);
    },
    { ci: true },
  ),
  // no silent parks (issue 14): after `after`, the question gets the policy's answer through its own free-text choice
  {
    name: 'question menu answered by the parked policy',
    expect: 'question',
    script: { turns: [tool('AskUserQuestion', QUESTION), say('Done.')] },
    dialog: /Enter to select|Which database/,
    parked: { after: '10s', answer: PARKED_ANSWER },
    done: apiReached(1),
    settle: 4000,
    timeout: 120_000,
    check(result) {
      const answer = toolResults(result).map((t) => t.text);
      expect(answer.join('\n'), "the model received the policy's text as the question's answer").toContain(
        PARKED_ANSWER,
      );
      expect(
        actions(result.journal)
          .filter((a) => a.plugin !== 'kickoff')
          .map((a) => `${a.plugin} ${a.action}`),
        'one answer, by the parked policy',
      ).toEqual(['parked answer']);
    },
  },
  // …and a blocked command is refused with the agent's own No, then the agent is told `decline`
  {
    name: 'blocked force-push declined by the parked policy',
    expect: 'hold',
    script: {
      turns: [
        tool('Bash', { command: FORCE_PUSH, description: 'Publish the rewritten history' }),
        say('Understood: I noted it for the morning.'),
      ],
    },
    files: { 'package.json': PACKAGE_JSON },
    dialog: PERMISSION,
    parked: { after: '10s', decline: PARKED_DECLINE },
    done: (live: Live) =>
      mainRequests(live.received).some((r) => JSON.stringify(r.body).includes(PARKED_DECLINE)),
    settle: 4000,
    timeout: 120_000,
    check(result) {
      heldDangerous(result);
      // Claude Code adds its own "[Request interrupted by user for tool use]" to the turn the refusal ends
      expect(
        laterUserTexts(result).filter((t) => !/^\[Request interrupted/.test(t)),
        "the agent's next user turn is the decline text",
      ).toEqual([PARKED_DECLINE]);
      expect(
        actions(result.journal)
          .filter((a) => a.plugin !== 'kickoff')
          .map((a) => `${a.plugin} ${a.action}`),
      ).toEqual(['parked decline', 'parked type']);
    },
  },
  noKeystroke(
    'free-text question',
    'question',
    [say('Before I start: should the new endpoint use REST or GraphQL? Tell me which and I will go ahead.')],
    /REST or GraphQL/,
    escalated,
  ),

  // limits: recognised, reset time read, nothing typed into the menu
  noKeystroke(
    'rate limit with an API key',
    'limit',
    [fail({ type: 'rate-limit', retryAfter: 3600 })],
    /rate.?limit|429/i,
    () => undefined,
    { env: { CLAUDE_CODE_MAX_RETRIES: '0' } },
  ),
  noKeystroke(
    'session limit for a subscriber, options menu open',
    'limit',
    [fail({ type: 'plan-limit', window: 'session', resetsAt: SESSION_RESET })],
    /hit your .*limit/,
    (r) => expect(resetRead(r), 'the reset time').toBe(SESSION_RESET.toISOString()),
    {
      auth: 'subscription',
      ci: true,
    },
  ),
  // the same limit told by the hook channel too: StopFailure `rate_limit`, its reset time read from the agent's words
  noKeystroke(
    'hook channel: session limit reported by StopFailure',
    'limit',
    [fail({ type: 'plan-limit', window: 'session', resetsAt: SESSION_RESET })],
    /hit your .*limit/,
    (r) => {
      expect(
        r.journal.filter((e) => e.type === 'hook-event' && e.event === 'StopFailure'),
        'the channel reported the limit with the reset time',
      ).toEqual([
        expect.objectContaining({
          kind: 'failure',
          detail: `rate_limit (usage limit); resets ${SESSION_RESET.toISOString()}`,
        }),
      ]);
      expect(resetRead(r), 'the reset time').toBe(SESSION_RESET.toISOString());
    },
    {
      auth: 'subscription',
      hooks: true,
      done: (live: Live) =>
        /hit your .*limit/.test(live.screens.at(-1)?.text ?? '') &&
        live.events().some(settled('limit')) &&
        live.events().some((e) => e.type === 'hook-event' && e.event === 'StopFailure'),
    },
  ),
  noKeystroke(
    'weekly limit days out',
    'limit',
    [fail({ type: 'plan-limit', window: 'weekly', resetsAt: WEEKLY_RESET })],
    /hit your .*limit/,
    (r) => expect(resetRead(r), 'the reset time').toBe(WEEKLY_RESET.toISOString()),
    { auth: 'subscription' },
  ),

  // errors that need a person
  noKeystroke(
    'credit exhausted',
    'error',
    [fail({ type: 'credit' })],
    // Claude Code words it "Credit balance too low · Add funds: …"
    /Credit balance (?:is )?too low/,
    escalated,
  ),
  noKeystroke('invalid key', 'error', [fail({ type: 'invalid-key' })], /Invalid API key/, escalated, {
    ci: true,
  }),

  // the night's work as a queue: each task in a fresh Claude Code in its own worktree (a new folder: its trust
  // dialog is answered too), a command that commits, then the quiet fallback ends the task
  {
    name: 'a 3-task queue in worktrees',
    expect: 'work',
    // quiet below the bench's idle time (6s), so the task is over before a nudge would be due
    queue: {
      tasks: QUEUE_TASKS.map((id) => ({ id, text: `Write the ${id} notes and commit them.` })),
      quiet: '4s',
    },
    script: {
      turns: [
        tool('Bash', (request) => {
          const id = /\[task ([a-z-]+)\]/.exec(request)?.[1] ?? 'unknown';
          return {
            command: `printf 'notes for ${id}\\n' > ${id}.md && git add ${id}.md && git commit -q -m 'notes: ${id}'`,
            description: `Commit the ${id} notes`,
          };
        }),
        say('Done.'),
      ],
    },
    env: {
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.invalid',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.invalid',
    },
    dialog: PERMISSION,
    done: journaled(
      (e) => e.type === 'task' && e.id === QUEUE_TASKS.at(-1) && TASK_OVER.includes(e.run.state),
    ),
    settle: 2000,
    // three cold starts of Claude Code, one after another, each with its trust dialog
    timeout: 360_000,
    check: (result) => {
      const night = result.journal.find((e) => e.type === 'night-start');
      const day = night?.type === 'night-start' ? night.night : '';
      const branches = Object.fromEntries(
        QUEUE_TASKS.map((id) => [id, result.effects.branches[`nightshift/${day}/${id}`]]),
      );
      expect(branches, 'one branch per task, each with its one commit').toEqual(
        Object.fromEntries(QUEUE_TASKS.map((id) => [id, [`notes: ${id}`]])),
      );
      const typed = actions(result.journal).filter((a) => a.plugin === 'queue' && a.action === 'type');
      expect(
        QUEUE_TASKS.map((id) => typed.filter((a) => a.text?.includes(`[task ${id}]`)).length),
        'each task typed once',
      ).toEqual([1, 1, 1]);
      for (const id of QUEUE_TASKS)
        expect(result.effects.report ?? '', `the report's Work section names the branch of ${id}`).toContain(
          `nightshift/${day}/${id}`,
        );
    },
  },

  // a crash: restarted with its resume command
  {
    name: 'crash',
    expect: 'restart',
    ci: true,
    script: { turns: [say('Working on it.')] },
    fault: crashAgent('claude', apiReached(0)),
    done: any(
      journaled((e) => e.type === 'agent-restarted'),
      journaled((e) => e.type === 'agent-given-up'),
    ),
    settle: 6000,
    check: (result) => {
      const restart = result.journal.find((e) => e.type === 'agent-restarted');
      expect(restart, 'the agent was restarted').toBeDefined();
      const after = Date.parse(restart!.t);
      expect(
        result.received.filter((r) => r.at > after).length,
        'the restarted agent talked to the API again',
      ).toBeGreaterThan(0);
    },
  },
];

/** The table: the rows, and the hook-channel variant of each safe and dangerous one (run with NIGHTSHIFT_BENCH_CHANNEL=hook). */
export const scenarios: Scenario[] = [...TABLE, ...hookVariants(TABLE, CLAUDE_VIEW, CLAUDE_HOOK)];

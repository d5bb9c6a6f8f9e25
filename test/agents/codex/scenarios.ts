// Codex CLI's scenarios: the shared table with Codex's tools (exec_command asking for escalation, apply_patch
// through the shell), its approval and trust screens, and its tool outputs read from the Responses requests.
import { expect } from 'vitest';
import { lastInput, type ResponsesBody } from '../harness/fake-api/openai-responses.js';
import { actions, all, apiReached, journaled, mainRequests } from '../harness/conditions.js';
import { distinctUserTurns, verifiedSends } from '../harness/delivery.js';
import type { Scenario, ScenarioResult } from '../harness/scenario.js';
import { say, tool } from '../harness/script.js';
import { commonScenarios, type AgentTraits } from '../common-scenarios.js';
import { hookScenarios, hookVariants } from '../hook-scenarios.js';

const TASK = /next task in TASKS\.md/;

/** Codex's patch format, run through its shell tool the way its models do. */
const patch = (...lines: string[]) =>
  tool('exec_command', {
    cmd: `apply_patch <<'PATCH'\n*** Begin Patch\n${lines.join('\n')}\n*** End Patch\nPATCH`,
  });

/** One entry per model turn (a retried request carries the same outputs again). */
function byTurn(result: ScenarioResult) {
  const seen = new Map<number, ReturnType<typeof lastInput>>();
  for (const r of mainRequests(result.received))
    if (!seen.has(r.turn ?? -1)) seen.set(r.turn ?? -1, lastInput(r.body as ResponsesBody));
  return [...seen.values()];
}

export const codexTraits: AgentTraits = {
  shell: (cmd, why) =>
    tool('exec_command', { cmd, justification: why, sandbox_permissions: 'require_escalated' }),
  create: (path, content) =>
    patch(
      `*** Add File: ${path}`,
      ...content
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => `+${l}`),
    ),
  edit: (path, old, replacement) => patch(`*** Update File: ${path}`, '@@', `-${old}`, `+${replacement}`),
  // the dialog, or Codex's own record of its approval: an approval answered within a second can come and go
  // between two looks of the bench's watcher on a loaded machine
  dialog: /Would you like to (?:run the following command|make the following edits)\?|✔ You approved codex\b/,
  trust: /Trust this folder\?/,
  trustRecord: { file: '.codex/config.toml', shows: /trust_level\s*=\s*"trusted"/ },
  toolOutputs: (result) => byTurn(result).flatMap((t) => t.outputs),
  laterUserTexts: (result) => [
    ...new Set(byTurn(result).flatMap((t) => t.texts.filter((x) => !TASK.test(x)))),
  ],
  creditState: 'error',
  serverErrorState: 'error',
  resetShown: { session: true, weekly: true },
  process: 'codex',
};

const KICKOFF_TASK = 'Please do the next task in TASKS.md.';

/**
 * Issue 25, cold start: Codex draws its composer about 20 s before it takes keys, and a kickoff typed then was
 * journaled as delivered and never reached the model. Every row checks delivery, but only of sends journaled as
 * verified; this row asks for more: the kickoff typed on a cold start is journaled once, verified, and the model
 * received the task exactly once, as a user turn of its own, before any other (a nudge once it is done may follow).
 */
const coldStartKickoff: Scenario = {
  name: 'kickoff on a cold start',
  expect: 'work',
  script: { turns: [say('Done.')] },
  done: all(
    apiReached(0),
    journaled((e) => e.type === 'action' && e.plugin === 'kickoff'),
  ),
  settle: 4000,
  timeout: 150_000,
  check(result) {
    const kickoffs = actions(result.journal).filter((a) => a.plugin === 'kickoff');
    expect(
      kickoffs.map((a) => [a.action, a.verified, a.reason.split(' — ')[0]]),
      'the task was typed once, submitted and verified',
    ).toEqual([['type', true, `submitted "${KICKOFF_TASK}"`]]);
    const turns = distinctUserTurns(result.received);
    expect(
      turns.filter((parts) => parts.some((p) => p.includes('TASKS.md'))),
      'the model received the task once, as a user turn of its own',
    ).toEqual([[KICKOFF_TASK]]);
    expect(turns[0], 'the task was the first user turn').toEqual([KICKOFF_TASK]);
    // the agent sits idle once it is done: a nudge may follow, and it is the only other user turn there may be
    const nudges = new Set(verifiedSends(actions(result.journal).filter((a) => a.plugin === 'nudge')));
    expect(
      turns.slice(1).filter((parts) => !(parts.length === 1 && nudges.has(parts[0]!))),
      'no other user turn',
    ).toEqual([]);
  },
};

// PermissionRequest approves or denies; hooks run only once the person trusted them
const HOOK = { canAllow: true, startsWithEvent: true, asksTrust: true };
const COMMON = commonScenarios(codexTraits);

/** The table: the shared rows, the hook rows, and the hook-channel variants of the shared safe and dangerous rows. */
export const scenarios = [
  ...COMMON,
  coldStartKickoff,
  ...hookScenarios(codexTraits, HOOK),
  ...hookVariants(COMMON, codexTraits, HOOK),
];

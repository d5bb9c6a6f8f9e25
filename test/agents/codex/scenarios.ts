// Codex CLI's scenarios: the shared table with Codex's tools (exec_command asking for escalation, apply_patch
// through the shell), its approval and trust screens, and its tool outputs read from the Responses requests.
import { lastInput, type ResponsesBody } from '../harness/fake-api/openai-responses.js';
import { mainRequests } from '../harness/conditions.js';
import type { ScenarioResult } from '../harness/scenario.js';
import { tool } from '../harness/script.js';
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

// PermissionRequest approves or denies; hooks run only once the person trusted them
const HOOK = { canAllow: true, startsWithEvent: true, asksTrust: true };
const COMMON = commonScenarios(codexTraits);

/** The table: the shared rows, the hook rows, and the hook-channel variants of the shared safe and dangerous rows. */
export const scenarios = [
  ...COMMON,
  ...hookScenarios(codexTraits, HOOK),
  ...hookVariants(COMMON, codexTraits, HOOK),
];

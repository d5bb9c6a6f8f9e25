// Gemini CLI's scenarios: the shared table with Gemini's tools (run_shell_command, write_file, replace), its
// confirmation and trust screens, and its function responses read from the generateContent requests.
import { lastUserParts, type GeminiBody } from '../harness/fake-api/gemini.js';
import { mainRequests } from '../harness/conditions.js';
import type { ScenarioResult } from '../harness/scenario.js';
import { tool } from '../harness/script.js';
import { commonScenarios, type AgentTraits } from '../common-scenarios.js';
import { hookScenarios, hookVariants } from '../hook-scenarios.js';

const TASK = /next task in TASKS\.md/;

/** One entry per model turn (a retried request carries the same parts again). */
function byTurn(result: ScenarioResult) {
  const seen = new Map<number, ReturnType<typeof lastUserParts>>();
  for (const r of mainRequests(result.received))
    if (!seen.has(r.turn ?? -1)) seen.set(r.turn ?? -1, lastUserParts(r.body as GeminiBody));
  return [...seen.values()];
}

export const geminiTraits: AgentTraits = {
  shell: (command, description) => tool('run_shell_command', { command, description }),
  create: (path, content) => tool('write_file', { file_path: `$PROJECT/${path}`, content }),
  edit: (path, old, replacement) =>
    tool('replace', {
      file_path: `$PROJECT/${path}`,
      old_string: old,
      new_string: replacement,
      instruction: 'Update the status',
    }),
  // the dialog, or Gemini's own record of an approved edit (`✓  WriteFile  CHANGELOG.md → Accepted (+3, -0)`): an
  // approval answered within a second can come and go between two looks of the bench's watcher on a loaded machine
  dialog: /Allow execution of|Apply this change\?|→ Accepted \(\+\d+, -\d+\)/,
  trust: /Do you trust the files in this folder\?/,
  trustRecord: { file: '.gemini/trustedFolders.json', shows: /"TRUST_FOLDER"/ },
  toolOutputs: (result) => byTurn(result).flatMap((t) => t.responses.map((r) => JSON.stringify(r.response))),
  laterUserTexts: (result) => [
    ...new Set(byTurn(result).flatMap((t) => t.texts.filter((x) => !TASK.test(x)))),
  ],
  // a per-day quota dialog has no time; a long non-daily retry says when access resets
  creditState: 'limit',
  serverErrorState: 'busy',
  resetShown: { session: true, weekly: false },
  process: 'node',
};

// BeforeTool denies but cannot approve; SessionStart is sent at start-up
const HOOK = { canAllow: false, startsWithEvent: true };
const COMMON = commonScenarios(geminiTraits);

/** The table: the shared rows, the hook rows, and the hook-channel variants of the shared safe and dangerous rows. */
export const scenarios = [
  ...COMMON,
  ...hookScenarios(geminiTraits, HOOK),
  ...hookVariants(COMMON, geminiTraits, HOOK),
];

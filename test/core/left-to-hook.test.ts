// When the screen path leaves a command dialog to the agent's own hook (core/actuator/left-to-hook.ts).
import { describe, expect, it } from 'vitest';
import { agentSchema } from '../../config/schema.js';
import { HOOK_ANSWERED_MS, HOOK_FIRST_MS, leftToHook } from '../../core/actuator/left-to-hook.js';
import type { Dialog } from '../../core/screen/types.js';
import { newAgentRuntime } from '../../core/watch/agent-runtime.js';

const NOW = Date.parse('2026-12-07T03:00:00Z');
const shell: Dialog = {
  rule: 'claude-code.permission',
  command: 'npm test',
  commandKind: 'shell',
  approve: ['Enter'],
  deny: ['Escape'],
  signature: 's',
};
const edit: Dialog = { ...shell, command: 'edit notes.md', commandKind: 'action' };

const cases: {
  name: string;
  dialog?: Dialog;
  decidedAgo?: number;
  canAllow?: boolean;
  confirmFor?: number;
  left: boolean;
}[] = [
  { name: 'no hook channel: the screen answers', confirmFor: 100, left: false },
  { name: 'the hook decided the call just now', decidedAgo: 1000, left: true },
  { name: 'the hook decided a call long ago', decidedAgo: HOOK_ANSWERED_MS + 1, left: false },
  { name: 'a new dialog while the channel can approve', canAllow: true, confirmFor: 1000, left: true },
  {
    name: 'a dialog the hook has not answered in time (runner unreachable)',
    canAllow: true,
    confirmFor: HOOK_FIRST_MS + 1,
    left: false,
  },
  { name: 'an edit dialog (the hook decides only commands)', dialog: edit, decidedAgo: 1000, left: false },
  {
    name: 'an edit dialog while the channel can approve',
    dialog: edit,
    canAllow: true,
    confirmFor: 100,
    left: false,
  },
];

describe('leftToHook', () => {
  it.each(cases)('$name', ({ dialog, decidedAgo, canAllow, confirmFor, left }) => {
    const agent = newAgentRuntime(agentSchema.parse({ name: 'a', command: 'claude', cwd: '/' }), '/dev/null');
    if (decidedAgo !== undefined) agent.hookDecided = { at: NOW - decidedAgo, command: 'npm test' };
    agent.hookCanAllow = canAllow ?? false;
    if (confirmFor !== undefined) {
      agent.status.state = 'confirm';
      agent.status.stateSince = new Date(NOW - confirmFor);
    }
    const reason = leftToHook(agent, dialog ?? shell, NOW);
    expect(reason !== undefined).toBe(left);
  });
});

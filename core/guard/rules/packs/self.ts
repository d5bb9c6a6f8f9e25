import { definePack, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';

// The guard itself: an agent must not loosen the rules it runs under, or switch off the supervisor.

export const editConfig = defineRule({
  id: 'core.self.edit-config',
  verdict: 'block',
  reason: "changes nightshift's own config, state or guard rules, or an agent's permission settings",
  alternative: 'leave configuration changes to a person; explain the change in the coordination file',
  examples: [
    { command: 'rm nightshift.config.ts', verdict: 'block' },
    { command: "echo 'guard: {}' > nightshift.config.yaml", verdict: 'block' },
    { command: "sed -i 's/block/allow/' .nightshiftrc.json", verdict: 'block' },
    { command: 'vim .claude/settings.json', verdict: 'block' },
    { command: 'cp my.json .claude/settings.local.json', verdict: 'block' },
    { command: 'cat nightshift.config.ts', verdict: 'allow' },
  ],
});

export const stopSupervisor = defineRule({
  id: 'core.self.stop-supervisor',
  verdict: 'block',
  reason: 'stops nightshift or the tmux server and sessions it supervises',
  examples: [
    { command: 'tmux kill-server', verdict: 'block' },
    { command: 'tmux kill-session -t nightshift', verdict: 'block' },
    { command: 'pkill -f nightshift', verdict: 'block' },
    { command: 'tmux ls', verdict: 'allow' },
  ],
});

/** Programs that edit or re-permission the files they name. */
const EDITORS = [
  'vi',
  'vim',
  'nvim',
  'nano',
  'emacs',
  'code',
  'ed',
  'ex',
  'pico',
  'micro',
  'hx',
  'kak',
  'chattr',
  'touch',
  'setfacl',
];

const editors: ProgramCheck = {
  programs: [...EDITORS, 'chmod', 'chown', 'chgrp'],
  check(invocation, context) {
    for (const arg of invocation.args) {
      if (!arg.value.startsWith('-') && context.classify(arg).protected) context.report(editConfig);
    }
  },
};

const supervisorKillers: ProgramCheck = {
  programs: ['pkill', 'killall', 'tmux'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (invocation.program === 'tmux') {
      if (values.some((value) => value === 'kill-server' || value === 'kill-session'))
        context.report(stopSupervisor);
      return;
    }
    if (values.some((value) => /nightshift|^tmux/.test(value))) context.report(stopSupervisor);
  },
};

export const selfPack = definePack({
  id: 'core.self',
  summary:
    "the guard itself: nightshift's config and state, agents' permission settings, the supervisor's processes",
  rules: [editConfig, stopSupervisor],
  checks: [editors, supervisorKillers],
});

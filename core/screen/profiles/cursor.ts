// Cursor's CLI agent (cursor-agent): boxed "Run this command?" with single-key choices.
import type { ProfileSpec } from '../profile.js';

const r = String.raw;

export const cursor: ProfileSpec = {
  description:
    'Cursor CLI agent: "Run this command?" with (y)/(n) hotkeys, "ctrl+c to stop", the "→ Add a follow-up" box',
  detect: [
    r`→ Add a follow-up`,
    r`→ Plan, search, build anything`,
    r`ctrl\+c to stop`,
    r`Not in (?:team )?allowlist`,
    r`Run this command\?`,
    r`/^\s*[⬢⬡] /`,
    r`Cursor Agent`,
  ],
  commands: ['cursor-agent'],
  markers: '→',
  dialogs: [
    {
      id: 'run',
      question: [r`^\s*Run this command\?$`],
      approve: [r`^Run \(once\)$`, r`^Run once$`],
      decline: [r`^Skip$`],
      keys: 'hotkey',
      deny: ['n'],
      subject: [
        { kind: 'shell', row: r`^\s*(?:• )?Not in (?:team )?allowlist: (.+)$`, continued: true },
        { kind: 'shell', row: r`^\s*\$ (.+?) in \S+$` },
      ],
    },
    {
      id: 'write',
      question: [r`^\s*Write to this file\?$`],
      approve: [r`^Proceed$`],
      decline: [r`^Skip$`, r`^Reject\b`],
      keys: 'hotkey',
      deny: ['n'],
      subject: [{ kind: 'action', template: 'write a file' }],
    },
    {
      id: 'trust',
      question: [r`^\s*Workspace Trust Required$`, r`^\s*Do you trust the contents of this directory\?`],
      approve: [r`^Trust this workspace$`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'action', template: 'trust workspace' }],
    },
  ],
  linePrompts: [],
  sticky: [],
  busy: [r`ctrl\+c to stop`, r`/^\s*[⬢⬡] \S/`, r`\b\d+ background tasks?\b`],
  quoted: [],
  idle: [r`^\s*→ (?:Add a follow-up|Plan, search, build anything)`],
  questions: [],
  footers: [],
  output: [],
  limits: [],
  resetWords: [],
  notLimits: [],
  needsHuman: [],
  fatal: [],
  secrets: [],
  secretDialogs: [r`Press any key to log in`],
  shellPrompts: [],
  dead: [],
  input: { row: [r`^\s*→\s(.*)$`], settle: 500, enterGap: 300 },
};

// GitHub Copilot CLI: "Do you want to run this command?" under a boxed command, ❯ menus, rate-limit notices.
import type { ProfileSpec } from '../profile.js';

const r = String.raw;

export const copilot: ProfileSpec = {
  description:
    'GitHub Copilot CLI: boxed command + "Do you want to run this command?", "(Esc to cancel …)" busy rows',
  detect: [
    r`Enter @ to mention files`,
    r`Remaining requests:`,
    r`\bCopilot\b`,
    r`Ctrl\+c Exit`,
    r`Do you want to run this command\?`,
  ],
  commands: ['copilot'],
  markers: '❯',
  dialogs: [
    {
      id: 'run',
      question: [r`^\s*Do you want to run this command\?$`],
      approve: [r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'shell', above: 4 }],
    },
    {
      id: 'edit',
      question: [r`^\s*Do you want to (?:edit|create|write to|make (?:this|these) changes? to) .+\?$`],
      approve: [r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [
        {
          kind: 'action',
          row: r`^\s*Do you want to (?:edit|create|write to|make (?:this|these) changes? to) (.+)\?$`,
          template: 'edit {}',
        },
      ],
    },
    {
      id: 'trust',
      question: [r`^\s*Do you trust the files in this folder\?$`],
      approve: [r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'action', template: 'trust folder' }],
    },
  ],
  linePrompts: [],
  sticky: [],
  busy: [r`\([^()]*\besc to (?:cancel|stop)\b[^()]*\)`, r`\besc interrupt\b`],
  quoted: [],
  idle: [r`Enter @ to mention files`],
  questions: [r`Copilot needs information`, r`enter accept · ctrl\+d decline`],
  footers: [r`Confirm with number keys`, r`↑↓ to navigate`, r`Enter to select`, r`Esc to cancel`],
  // a message bullet at the left edge (a right-aligned "● high · /effort" is another program's footer)
  output: [r`/^ {0,2}● (?!\d+\.\s)\S/`],
  limits: [],
  resetWords: [],
  notLimits: [],
  needsHuman: [],
  fatal: [],
  secrets: [],
  secretDialogs: [],
  shellPrompts: [],
  dead: [],
  input: { row: [r`^\s*[>❯]\s(.*)$`], settle: 500, enterGap: 300 },
};

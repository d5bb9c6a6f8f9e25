// Claude Code (1.x boxed dialogs, 2.x dialogs under a rule with a footer).
import type { ProfileSpec } from '../profile.js';

const r = String.raw;

/** The model's description under a command: prose, in any case (the reader and the guard check the rest). */
const description = r`/^[A-Za-z]/`;

export const claudeCode: ProfileSpec = {
  description:
    'Claude Code: permission, trust and bypass dialogs, spinner rows, the ❯ input box, limit menus',
  detect: [
    r`^\s*⎿`,
    r`/^\s*[⏺●] [A-Z]\w*\(/`,
    r`^\s*\? for shortcuts(?: · esc to interrupt)?$`,
    r`shift\+tab to cycle`,
    r`Esc to cancel · Tab to amend`,
    r`/upgrade\b`,
    r`\bClaude Code\b`,
    r`tell Claude what to do`,
    r`\bClaude (?:AI )?usage limit`,
    r`/^\s*[✻✶✳✢✽·] [A-Z]\w+ for \d/`,
    r`^\s*Bash command$`,
  ],
  commands: ['claude'],
  channel: {
    kind: 'claude-settings',
    events: ['PermissionRequest', 'SessionStart', 'Notification', 'Stop', 'StopFailure', 'SessionEnd'],
  },
  markers: '❯',
  dialogs: [
    {
      id: 'permission',
      question: [r`^\s*Do you want to .+\?$`, r`^\s*Use skill ".+"\?$`],
      approve: [r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [
        { kind: 'shell', header: r`^\s*Bash command$`, description },
        { kind: 'action', header: r`^\s*Edit file$`, firstRow: true, template: 'edit {}' },
        { kind: 'action', header: r`^\s*(?:Create|Write) file$`, firstRow: true, template: 'create {}' },
        { kind: 'action', header: r`^\s*Read file$`, firstRow: true, template: 'read {}' },
        { kind: 'action', header: r`^\s*Fetch$`, firstRow: true, template: 'fetch {}' },
        { kind: 'action', header: r`^\s*Web ?search$`, firstRow: true, template: 'search {}' },
        { kind: 'action', header: r`^\s*Tool use$`, description, template: 'mcp {}' },
        { kind: 'action', row: r`^\s*Use skill "(.+)"\?$`, template: 'use skill {}' },
      ],
    },
    {
      id: 'trust',
      question: [
        r`Is this a project you created or one you trust`,
        r`^\s*Do you trust the files in this folder\?$`,
      ],
      approve: [r`^Yes, I trust this folder$`, r`^Yes, proceed$`],
      decline: [r`^No, exit$`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [
        { kind: 'action', header: r`^\s*Accessing workspace:$`, firstRow: true, template: 'trust folder {}' },
        { kind: 'action', template: 'trust folder' },
      ],
    },
    {
      // accepting bypass mode lowers every guard rail: never approved unattended
      id: 'bypass',
      question: [r`Bypass Permissions mode`],
      approve: [],
      decline: [r`^No, exit$`],
      keys: 'navigate',
      subject: [{ kind: 'action', template: 'enable bypass permissions mode' }],
    },
    {
      // leaving plan mode with the plan shown: only the option that keeps every later edit under manual approval,
      // never one that turns on auto-accept, auto mode or bypass (those are sticky anyway)
      id: 'plan',
      // 2.1.x asks in one sentence that wraps at 80 columns: its start is the question row
      question: [r`^\s*Would you like to proceed\?$`, r`^\s*Claude has written up a plan and is ready to\b`],
      approve: [r`^Yes,? (?:and )?manually approve edits$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'action', template: 'approve the plan' }],
    },
    {
      // leaving plan mode without a plan file: Yes returns to the mode the session had (edits asked for)
      id: 'plan-exit',
      question: [r`^\s*Exit plan mode\?$`],
      approve: [r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'action', template: 'approve the plan' }],
    },
  ],
  linePrompts: [],
  sticky: [],
  busy: [
    r`\besc to interrupt\b`,
    // spinner row: glyph, a capitalised verb, an ellipsis; the verbs are random, never match them
    r`/^\s*[·✢✳✶✻✽*]\s+[A-Z][^…]*…/`,
    r`\([^()]*\b\d[\d.]*k?\s+tokens?\b[^()]*\)$`,
    r`Waiting for \d+ background (?:agent|task)`,
    r`Retrying in \d+ seconds?`,
  ],
  quoted: [],
  // the box's `❯` row; a highlighted numbered option (`❯ 1. Yes`) is a menu, never the box
  idle: [r`^\s*[>❯](?!\s*\d+\.\s)(?:\s.*)?$`],
  questions: [
    r`Enter to select · ↑/↓ to navigate`,
    r`/^\s*☐ \S/`,
    r`^\s*(?:❯\s*)?\d+\.\s+Type something\.?$`,
  ],
  // the question menu's own free-text choice: highlighted, it is a text field (typing replaces the placeholder)
  freeText: [r`^Type something\.?$`],
  footers: [
    r`Esc to cancel`,
    r`Enter to confirm`,
    r`Tab to amend`,
    r`ctrl\+e to explain`,
    r`Esc to exit`,
    // under the plan-approval menu: the plan file's path ("ctrl+g to edit in Vim", drawn "inVim" at 80 columns)
    r`^\s*ctrl\+g to edit in`,
  ],
  // a message bullet at the left edge, not a menu option ("● 1. Keep trying" is Gemini's highlight) nor the effort
  // level at the right end of the footer ("● high · /effort")
  output: [r`/^ {0,2}[⏺●] (?!\d+\.\s)(?!\S+ · \/effort$)\S/`],
  // the limit menu (subscribers), and the API's 429 as an API-key user sees it
  limits: [r`Stop and wait for limit to reset`, r`API Error: Request rejected \(429\)`],
  resetWords: [],
  notLimits: [],
  needsHuman: [],
  fatal: [
    r`API Error: \d{3}\b(?!.*Retrying)`,
    r`OAuth token has expired`,
    r`Invalid API key`,
    r`Please run /login`,
    r`organization has been disabled`,
  ],
  secrets: [],
  secretDialogs: [],
  shellPrompts: [],
  dead: [],
  // the `│ > ` box (1.x) or the `❯` row between rules (2.x)
  input: { row: [r`^\s*[>❯]\s?(.*)$`], settle: 500, enterGap: 300 },
};

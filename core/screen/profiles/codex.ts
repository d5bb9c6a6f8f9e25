// OpenAI Codex CLI (the Rust TUI, and the 2025 TypeScript review dialog).
import type { ProfileSpec } from '../profile.js';

const r = String.raw;

export const codex: ProfileSpec = {
  description: 'Codex CLI: approval dialogs with hotkeys, "• Working (… esc to interrupt)", the › composer',
  detect: [
    r`^\s*• (?:Ran|Edited|Explored|Working|Read|Updated|Added)\b`,
    r`^─ Worked for `,
    r`\d+% context left$`,
    r`Ask Codex to do anything`,
    r`\bCodex\b`,
    r`Would you like to (?:run the following command|make the following edits)\?`,
    r`^\s*■ `,
    r`\bgpt-\d`,
  ],
  commands: ['codex'],
  channel: { kind: 'codex-config', events: ['PermissionRequest', 'SessionStart', 'Stop'] },
  markers: '›❯',
  dialogs: [
    {
      id: 'exec',
      question: [r`^\s*Would you like to run the following command\?$`],
      approve: [r`^Yes, proceed$`, r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'hotkey',
      deny: ['Escape'],
      subject: [{ kind: 'shell', row: r`^\s*\$ (.+)$`, continued: true }],
    },
    {
      id: 'edits',
      question: [r`^\s*Would you like to make the following edits\?$`],
      approve: [r`^Yes, proceed$`, r`^Yes$`],
      decline: [r`^No\b`],
      keys: 'hotkey',
      deny: ['Escape'],
      subject: [
        // 0.171: "Destination: <absolute path>" under the question decides whether the edit stays in the project
        { kind: 'action', row: r`^\s*Destination: (\S.*)$`, template: 'edit {}' },
        { kind: 'action', row: r`^\s*(\S+) \(\+\d+ -\d+\)$`, template: 'edit {}' },
        { kind: 'action', template: 'apply edits' },
      ],
    },
    {
      // wider sandbox permissions and network hosts: a person decides
      id: 'permissions',
      question: [
        r`^\s*Would you like to grant these permissions\?$`,
        r`^\s*Do you want to allow .*(?:network|host|domain)`,
      ],
      approve: [],
      decline: [r`^No\b`],
      keys: 'hotkey',
      deny: ['Escape'],
      subject: [{ kind: 'action', template: 'grant permissions' }],
    },
    {
      id: 'legacy-exec',
      question: [r`^\s*Allow command\?$`],
      approve: [r`^Yes$`],
      keys: 'hotkey',
      deny: ['n'],
      subject: [{ kind: 'shell', row: r`^\s*\$ (.+)$`, continued: true }],
    },
    {
      // 0.171 at start when hooks are new or changed: "Hooks need review", `› 1. Review hooks`, `2. Trust all and
      // continue`, `3. Continue without trusting (hooks won't run)`. Trusting them is the person's decision: the night
      // only ever continues without trusting, so those hooks do not run (nightshift's own included: the screen answers)
      id: 'hooks-review',
      question: [r`^\s*Hooks need review$`],
      approve: [r`^Continue without trusting\b`],
      keys: 'navigate',
      subject: [{ kind: 'action', template: 'continue without trusting the new hooks' }],
    },
    {
      // 0.171: "Folder access", the folder, "Trust this folder? …", `› 1. Trust and continue` (no hotkeys);
      // earlier: "Do you trust the contents of this directory?"
      id: 'trust',
      question: [r`^\s*Do you trust the contents of this directory\?`, r`^\s*Trust this folder\?`],
      approve: [r`^Yes, continue$`, r`^Trust and continue$`],
      decline: [r`^No, quit$`, r`^Back to Agent Command Center$`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [
        { kind: 'action', header: r`^\s*Folder access$`, firstRow: true, template: 'trust folder {}' },
        { kind: 'action', template: 'trust directory' },
      ],
    },
  ],
  linePrompts: [],
  // trusting hooks is the person's decision (`/hooks`), never the night's
  sticky: [r`^Trust all and continue$`, r`^Review hooks$`],
  busy: [
    r`\besc to interrupt\b`,
    r`^\s*• (?:Working|Thinking|Analyzing|Running command|Starting MCP servers)\b.*\(`,
  ],
  quoted: [],
  // the composer; a `› 1. …` row is a menu's highlighted option, not the composer
  idle: [r`^\s*[›▌](?!\s*\d+\.)(?:\s.*)?$`],
  questions: [r`enter to submit answer`, r`for lower credit usage\?`],
  footers: [
    r`Press enter to (?:confirm|continue)`,
    r`esc to cancel`,
    r`^\s*enter continue · esc back$`,
    r`^\s*enter confirm · esc skip$`,
    // 0.171's rows under the composer: the status line (model, reasoning effort, folder, and the thread's title,
    // which wraps onto a row of its own at 80 columns), `← for agents · ? for shortcuts`, `⚠ 2 warnings · f2 to view`
    r`^\s*\S+ (?:default|none|minimal|low|medium|high|xhigh)(?: fast)? · [~/]`,
    r`^\s*(?:← for agents · )?\? for shortcuts\b`,
    r`^\s*(?:.* )?⚠ \d+ warnings? · f2 to view$`,
  ],
  output: [r`/^• \S/`],
  limits: [],
  resetWords: [],
  notLimits: [],
  // 0.171, API key out of credit: "■ Quota exceeded. Check your plan and billing details."
  needsHuman: [r`^\s*■ Quota exceeded\b`, r`^\s*■ unexpected status 401\b`, r`Incorrect API key provided`],
  fatal: [
    r`^\s*■ (?:unexpected status|stream disconnected|Error:)`,
    r`^\s*■ We(?:’|')re currently experiencing high demand`,
    r`^\s*■ exceeded retry limit`,
    r`Please (?:re-?)?(?:login|log in|sign in)`,
  ],
  secrets: [],
  secretDialogs: [],
  shellPrompts: [],
  dead: [],
  // the › composer. 0.171 draws it about 20 s before it takes input on a cold start (its footer then shows only
  // `? for shortcuts`); the `← for agents` footer comes with readiness, 21–23 s after launch on an idle machine and
  // over 25 s under load (readyAfter is the wait for a version without that footer). Text that arrives in one burst
  // is read as a paste: an Enter inside the paste window is swallowed
  input: {
    row: [r`^\s*[›▌]\s?(.*)$`],
    readyAfter: 60_000,
    ready: [r`← for agents\b`],
    settle: 800,
    enterGap: 800,
  },
};

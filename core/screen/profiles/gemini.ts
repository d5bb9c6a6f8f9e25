// Gemini CLI: boxed confirmations with ● options, braille spinners, the "Type your message" box.
import type { ProfileSpec } from '../profile.js';

const r = String.raw;

export const gemini: ProfileSpec = {
  description:
    'Gemini CLI: "Allow execution of" / "Apply this change?" dialogs, braille spinner rows, quota dialogs',
  detect: [
    r`/^\s*✦ /`,
    r`Type your message or @path/to/file`,
    r`no sandbox`,
    r`\bgemini-\d`,
    r`Gemini CLI`,
    r`Allow execution of`,
    r`Waiting for user confirmation`,
  ],
  commands: ['gemini'],
  channel: {
    kind: 'gemini-system-settings',
    events: ['BeforeTool', 'SessionStart', 'Notification', 'SessionEnd'],
  },
  markers: '●',
  dialogs: [
    {
      id: 'mcp',
      question: [r`^\s*Allow execution of MCP tool "(.+)" from server "(.+)"\?$`],
      approve: [r`^Yes, allow once$`, r`^Allow once$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [
        {
          kind: 'action',
          row: r`^\s*Allow execution of MCP tool "(.+" from server ".+)"\?$`,
          template: 'mcp "{}"',
        },
      ],
    },
    {
      id: 'shell',
      question: [r`^\s*Allow execution(?: of)?:? .*\?$`],
      approve: [r`^Yes, allow once$`, r`^Allow once$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'shell', above: 4 }],
    },
    {
      id: 'edit',
      question: [r`^\s*Apply this change\?$`],
      approve: [r`^Yes, allow once$`, r`^Allow once$`],
      decline: [r`^No\b`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [
        // 0.61: "? WriteFile  Writing to <path>", "? Edit  <path>: <old> => <new>" (two spaces after the tool)
        { kind: 'action', row: r`^\s*\?\s+WriteFile\s+Writing to (\S+)`, template: 'edit {}' },
        { kind: 'action', row: r`^\s*\?\s+(?:Edit|WriteFile|Write)\s+(\S+?):?(?:\s|$)`, template: 'edit {}' },
        { kind: 'action', template: 'apply a change' },
      ],
    },
    {
      id: 'trust',
      question: [r`^\s*Do you trust (?:the files in )?this folder\?$`],
      approve: [r`^Trust folder\b`],
      decline: [r`^Don't trust$`],
      keys: 'navigate',
      deny: ['Escape'],
      subject: [{ kind: 'action', template: 'trust folder' }],
    },
  ],
  linePrompts: [],
  sticky: [r`^Trust parent folder\b`],
  busy: [r`\([^()]*\besc to cancel\b[^()]*\)`, r`/^\s*[⠀-⣿]\s+\S/`],
  quoted: [],
  idle: [r`^\s*>\s+Type your (?:message|shell command)`, r`Press 'i' for INSERT mode`],
  questions: [],
  footers: [
    r`Waiting for user confirmation`,
    r`context left\)?$`,
    r`no sandbox`,
    r`^\s*Shift\+Tab to accept edits$`,
    r`^\s*\? for shortcuts$`,
  ],
  output: [r`/^\s*✦ \S/`],
  limits: [],
  resetWords: [],
  notLimits: [],
  // 0.61 prints the key error above a fresh input box: a person must fix the key
  needsHuman: [r`API key not valid`, r`\bAPI_KEY_INVALID\b`],
  fatal: [r`✕ \[API Error:`, r`Please set an Auth method`, r`API_KEY environment variable not found`],
  secrets: [],
  secretDialogs: [],
  shellPrompts: [],
  dead: [],
  // the `│ > ` box; an Enter within ~30 ms of the text is taken as a newline. 0.61 draws the box before it has
  // initialised its config: a prompt submitted then is queued ("Initializing... Prompts will be queued.", shown only
  // once it is queued; the bench saw "P" sent for a whole task under load). Until then it draws nothing above the
  // box but warnings: its header (logo, `Gemini CLI v…`, `Authenticated with …`, tips) and the history come with
  // initialisation (3 s after the box at load 10), so one of those rows on screen is the ready sign. `readyAfter`
  // stays the fallback for a screen without them (`ui.hideBanner` and `ui.hideTips`, or the header scrolled away)
  input: {
    row: [r`^\s*>\s+(.*)$`],
    readyAfter: 15_000,
    ready: [
      r`\bGemini CLI v\d`,
      r`^\s*(?:\S+\s+)?(?:Authenticated with \S+|Signed in with Google)\b.*/auth\s*$`,
      r`^\s*Tips for getting started:\s*$`,
      r`^\s*✦ \S`,
    ],
    settle: 500,
    enterGap: 500,
  },
};

// Aider: every question is a prompt_toolkit line "… (Y)es/(N)o… [Yes]:" with its subject on the row above.
import type { LinePromptSpec, ProfileSpec } from '../profile.js';

const r = String.raw;

/** The tail every Aider question ends with. */
const choices = r`\(Y\)es/\(N\)o(?:/\([A-Z]\)[^/\[]+)*\s*\[(?:Yes|No)\]:$`;

/** An earlier prompt, already answered, or Aider's own output: where a block of commands above a question starts. */
const answered = r`\[(?:Yes|No)\]:|^Running |^Tokens: |^Commit [0-9a-f]{7}`;

const ask = (id: string, question: string, subject: LinePromptSpec['subject']): LinePromptSpec => ({
  id,
  prompt: `^${question} ${choices}`,
  approve: ['y', 'Enter'],
  deny: ['n', 'Enter'],
  subject,
});

export const aider: ProfileSpec = {
  description:
    'Aider: "(Y)es/(N)o … [Yes]:" questions on the last row, "Waiting for <model>" scanner, the > prompt',
  detect: [
    r`\(Y\)es/\(N\)o`,
    r`^Tokens: [\d.]+k? sent`,
    r`^Aider v\d`,
    r`^Main model:`,
    r`^(?:architect|ask|code)?>\s*$`,
  ],
  commands: ['aider'],
  markers: '',
  dialogs: [],
  linePrompts: [
    ask('run-shell', r`Run shell command\?`, [{ kind: 'shell', above: 1 }]),
    // several commands, one per row above the question: each is guarded on its own
    ask('run-shell-commands', r`Run shell commands\?`, [
      { kind: 'shell', above: 12, separate: true, stop: answered },
    ]),
    ask('pip-install', r`Run pip install\?`, [{ kind: 'shell', above: 1 }]),
    ask('add-file', r`Add (?:file|files) to the chat\?`, [
      { kind: 'action', above: 1, template: 'add {} to the chat' },
    ]),
    ask('create-file', r`Create new file\?`, [{ kind: 'action', above: 1, template: 'create {}' }]),
    ask('edit-file', r`Allow edits to (?:a )?file that has not been added to the chat\?`, [
      { kind: 'action', above: 1, template: 'edit {}' },
    ]),
    ask('add-output', r`Add command output to the chat\?`, [
      { kind: 'action', template: 'add command output to the chat' },
    ]),
    ask('question', r`(.+\?)`, [{ kind: 'action', row: `^(.+\\?) ${choices}`, template: 'answer yes: {}' }]),
  ],
  sticky: [],
  busy: [r`^Waiting for \S+ \[`, r`^Updating repo map`, r`^Retrying in [\d.]+ seconds`],
  quoted: [],
  idle: [r`/^(?:architect|ask|code|help|multi)?>\s*(?:\S.*)?$/`],
  questions: [],
  footers: [],
  output: [],
  limits: [],
  resetWords: [],
  notLimits: [],
  needsHuman: [],
  fatal: [r`litellm\.(?:AuthenticationError|NotFoundError|PermissionDeniedError)`],
  secrets: [],
  secretDialogs: [],
  shellPrompts: [],
  dead: [],
  input: { row: [r`/^(?:architect|ask|code|help|multi)?>\s?(.*)$/`], settle: 300, enterGap: 150 },
};

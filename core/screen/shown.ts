// Text that is only being shown: a file in an editor or pager, a log followed with `tail -f`. Whatever it says
// (a dialog, a `[y/N]`, "Password:"), it is not this pane asking anything.
import type { Profile } from './resolve-profiles.js';
import { isBlank, type ScreenView } from './screen-view.js';
import type { Snapshot } from './types.js';

/** Programs that show text and ask nothing of their own (a pager's own prompt excepted); `cat` prints a file. */
const VIEWERS = new Set([
  'tail',
  'less',
  'more',
  'most',
  'view',
  'vi',
  'vim',
  'nvim',
  'nano',
  'pico',
  'emacs',
  'micro',
  'hx',
  'kak',
  'joe',
  'mcedit',
  'ne',
  'journalctl',
  'watch',
  'bat',
  'man',
  'cat',
  'tac',
  'head',
  'nl',
  'column',
]);

/** A command typed at a shell prompt that follows or shows text until stopped. */
const VIEWER_COMMAND =
  /^(?:sudo\s+)?(?:(?:tail|journalctl)\b.*\s-(?:[a-zA-Z]*[fF][a-zA-Z]*|-follow)\b|(?:less|more|most|view|vi|vim|nvim|nano|pico|emacs|micro|hx|kak|joe|mcedit|watch|man|bat)\b|(?:docker|podman|kubectl|stern)\b.*\blogs?\b.*\s-(?:f|-follow)\b)/;

/** less's own prompt on the last row (`git log -p`, `git diff` run their pager under the git process): a bare `:`. */
const PAGER_PROMPT = /^:$/;

/** An editor's own chrome on the bottom rows. */
const EDITOR_CHROME = [
  /^-- (?:INSERT|VISUAL|REPLACE)(?: LINE| BLOCK)? --/,
  /^"[^"]+"(?: \[[^\]]+\])? \d+L, \d+[BC]/,
  /\^G (?:Get )?Help\b.*\^O Write ?Out|\^X Exit\b/,
  /^\s*GNU nano \d/,
  /^-[-*%:UuDd\d]{2,}[-*%]?\s+\S+\s+(?:All|Top|Bot|\d+%)\s+L\d+/,
];

/** Why the screen is only showing text, or undefined when the program on it may be asking something. */
export function shownOnly(view: ScreenView, snapshot: Snapshot, profile: Profile): string | undefined {
  const command = snapshot.currentCommand;
  if (command && VIEWERS.has(command)) return `${command} is showing text`;
  if (editorChrome(view)) return 'an editor is showing a file';
  if (PAGER_PROMPT.test(view.rows[view.last] ?? '')) return 'a pager is showing text';
  const typed = lastShellCommand(view, profile);
  if (typed !== undefined && VIEWER_COMMAND.test(typed)) return `"${typed}" is showing text`;
  return undefined;
}

function editorChrome(view: ScreenView): boolean {
  let tildes = 0;
  for (let i = view.last, seen = 0; i >= 0 && seen < 6; i--) {
    const row = view.rows[i]!;
    if (isBlank(row)) continue;
    seen++;
    if (EDITOR_CHROME.some((re) => re.test(row))) return true;
    if (row === '~') tildes++;
  }
  // vim's empty-buffer rows: a column of `~` at the bottom
  return tildes >= 3;
}

/** The command typed at the lowest shell prompt on screen, when nothing but its output follows it. */
function lastShellCommand(view: ScreenView, profile: Profile): string | undefined {
  if (profile.shellPrompts.empty) return undefined;
  for (let i = view.last; i >= 0; i--) {
    const m = profile.shellPrompts.find(view.rows[i]!);
    if (m && m.index === 0) return view.rows[i]!.slice(m[0].length).trim();
  }
  return undefined;
}

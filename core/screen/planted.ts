// An edit is judged by what it changes: lines it adds to a file that runs them (package scripts, makefiles, CI
// config, git hooks, shell scripts and start-up files) are commands, and the guard must allow each of them.
import { isBlank, type ScreenView } from './screen-view.js';

/** Files whose lines are run as commands (by npm, make, CI, git, a shell). */
const RUNS_COMMANDS: readonly RegExp[] = [
  /(?:^|\/)package\.json$/,
  /(?:^|\/)(?:GNU)?[Mm]akefile$|\.mk$/,
  /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/,
  /(?:^|\/)(?:\.gitlab-ci|\.travis|azure-pipelines|bitbucket-pipelines|\.drone|cloudbuild|buildspec)\.ya?ml$/,
  /(?:^|\/)\.circleci\/|(?:^|\/)\.buildkite\/|(?:^|\/)Jenkinsfile$/,
  /(?:^|\/)\.git\/hooks\/|(?:^|\/)\.husky\/|(?:^|\/)(?:lefthook|\.pre-commit-config)\.ya?ml$/,
  /\.(?:sh|bash|zsh|fish|ps1|bat|cmd)$/,
  /(?:^|\/)\.(?:bashrc|bash_profile|bash_login|bash_logout|bash_aliases|profile|zshrc|zprofile|zshenv|zlogin|zlogout|kshrc|cshrc|tcshrc|envrc|xprofile|xinitrc)$/,
  /(?:^|\/)\.config\/fish\/|(?:^|\/)(?:Taskfile|justfile|Justfile|Procfile|Dockerfile|Containerfile)(?:\.\w+)?$/,
  /(?:^|\/)(?:tox\.ini|noxfile\.py|setup\.py|conftest\.py|Rakefile|Gruntfile\.js|gulpfile\.js)$/,
  // an editor's tasks (VS Code runs them on opening the folder), cron and start-up entries
  /(?:^|\/)\.vscode\/(?:tasks|launch)\.json$|(?:^|\/)crontab$|(?:^|\/)\.config\/(?:autostart|systemd)\//,
  // an executable without an extension in a folder of executables
  /(?:^|\/)(?:bin|sbin|scripts?|hooks|tools)\/[^/.]+$/,
];

/** A first line that makes a file a script whatever its name. */
const SHEBANG = /^#!/;

/** A file line as the dialog shows it: its number, then (in a diff) `+`, `-` or a space, then the text. */
const FILE_LINE = /^\s*\d+ ([-+ ]?)(.*)$/;
/** A separator row inside a preview (Claude's dashed rules, box edges). */
const RULE_ROW = /^[\s╌┄─━═╭╮╰╯│┌┐└┘]+$/;
/** A preview that leaves lines out. */
const FOLDED = /…\s*\+?\d+ lines?\b|\blines? hidden\b|ctrl\+o to (?:expand|show)/i;

/** What an edit adds to a file that runs commands: the added lines, and whether some are not on screen. */
export interface Planted {
  readonly lines: readonly string[];
  readonly cut: boolean;
}

/** True when the lines of `path` are run as commands by some tool (see also `isScript` for files named otherwise). */
export function runsCommands(path: string): boolean {
  return RUNS_COMMANDS.some((re) => re.test(path.trim()));
}

/**
 * The lines an edit or new file adds, read from the numbered rows between the dialog's top and its question on row
 * `question`. `create`: every line is new; `edit`: only the `+` lines. `cut` when the dialog's top is off screen or
 * its preview folds lines away.
 */
export function plantedLines(view: ScreenView, question: number, mode: 'edit' | 'create'): Planted {
  let top = -1;
  for (let i = question - 1; i >= 0; i--) {
    if (isBlank(view.rows[i]!) && /^[─╭┌]/.test(view.raw[i] ?? '')) {
      top = i;
      break;
    }
  }
  const entries: { mark: string; text: string }[] = [];
  for (let i = Math.max(top, 0); i < question; i++) {
    const row = view.rows[i]!;
    if (FOLDED.test(row)) return { lines: [], cut: true };
    const m = FILE_LINE.exec(row);
    if (m) entries.push({ mark: m[1]!, text: m[2]! });
    // a row without a number under a file line is that line wrapped by the TUI: it belongs to the line
    else if (entries.length && !isBlank(row) && !RULE_ROW.test(row)) entries.at(-1)!.text += ` ${row.trim()}`;
  }
  // an edit whose preview has no diff marks shows the file's whole new content (Gemini's WriteFile): all of it is new
  const marked = entries.some((e) => e.mark === '+' || e.mark === '-');
  const lines =
    mode === 'create' || !marked
      ? entries.map((e) => `${e.mark === ' ' ? ' ' : ''}${e.text}`)
      : entries.filter((e) => e.mark === '+').map((e) => e.text);
  return {
    lines: lines
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map(commandOf),
    cut: top < 0,
  };
}

/** A JSON member (`"postinstall": "curl … | sh",`): its string value is what runs; any other line as it is. */
function commandOf(line: string): string {
  const member = /^"(?:[^"\\]|\\.)*"\s*:\s*"((?:[^"\\]|\\.)*)",?$/.exec(line);
  return member ? member[1]!.replace(/\\(["\\/])/g, '$1') : line;
}

/** True when the lines an edit or new file adds make it a script: they start with `#!`. */
export function isScript(planted: Planted): boolean {
  return planted.lines.some((l) => SHEBANG.test(l));
}

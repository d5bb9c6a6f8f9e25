// Quoting for the three languages a tmux argument can pass through: tmux's command line, formats and sh.

/** One tmux command as argv, without the `tmux` binary and its global flags: `['capture-pane', '-p', '-t', '%3']`. */
export type TmuxCommand = readonly string[];

/** Words tmux's parser reads as they are: no quotes, `#`, `$`, `~`, `;`, braces, backslashes or spaces. */
const BARE = /^[A-Za-z0-9_%=@/+,.:^-]+$/;

/**
 * Quotes one argument for a tmux command line (the syntax of control mode and `source-file`, not the shell's).
 * Printable text goes inside single quotes, where tmux expands nothing; a single quote and control characters go in
 * double quotes as `"'"` and octal escapes (`"\012"`); adjacent quoted parts join into one word.
 */
export function quoteArg(arg: string): string {
  if (BARE.test(arg)) return arg;
  let out = '';
  let run = '';
  for (const ch of arg) {
    const code = ch.codePointAt(0)!;
    if (ch !== "'" && code >= 0x20 && code !== 0x7f) {
      run += ch;
      continue;
    }
    if (run) out += `'${run}'`;
    run = '';
    out += ch === "'" ? `"'"` : `"\\${code.toString(8).padStart(3, '0')}"`;
  }
  if (run || !out) out += `'${run}'`;
  return out;
}

/** Renders a command as one control-mode line; arguments never add a line break, so one line is one command. */
export function commandLine(command: TmuxCommand): string {
  return command.map(quoteArg).join(' ');
}

/** Quotes a word for `sh`: single quotes, with `'` written as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Escapes text that tmux expands as a format (`-c`, `-n`, the pipe-pane command): `#` becomes `##`. */
export function escapeFormat(text: string): string {
  return text.replaceAll('#', '##');
}

/** A short name for a command in error messages, without the text it types: `send-keys -t %3`. */
export function describeCommand(command: TmuxCommand): string {
  const t = command.indexOf('-t');
  const target = t >= 0 && command[t + 1] !== undefined ? ` -t ${command[t + 1]}` : '';
  return `${command[0] ?? ''}${target}`;
}

// What a profile is: everything nightshift knows about one program's screens, as data.
// Patterns are regular-expression sources. A plain string matches case-insensitively;
// write `/source/flags` for exact flags (e.g. `/^[A-Z]/u` to require a capital letter).
import type { ChannelKind } from '../hooks/protocol.js';

/** A regular expression written as text: `"esc to interrupt"` (case-insensitive) or `"/^[A-Z]…/u"` (flags as given). */
export type PatternSource = string;

/** Where the command or action a dialog confirms is read from. The first spec that yields text wins. */
export interface SubjectSpec {
  /** `shell`: a command line the guard must see; `action`: a summary such as `edit src/a.ts` */
  readonly kind: 'shell' | 'action';
  /** the rows after the last row matching `header` (above the question), up to the next blank row */
  readonly header?: PatternSource;
  /** capture group 1 (or the whole match) of the first dialog row matching `row` */
  readonly row?: PatternSource;
  /** `row` subjects: the following non-empty rows continue it (an app-wrapped command) */
  readonly continued?: boolean;
  /** the block of non-empty rows right above the question row, at most this many rows */
  readonly above?: number;
  /** `above` blocks end at a row matching this (e.g. an earlier, answered prompt) */
  readonly stop?: PatternSource;
  /** each row is a command of its own: rows are joined by newlines, not spaces */
  readonly separate?: boolean;
  /** the command typed after the last shell prompt above the prompt row (classic line prompts) */
  readonly shellCommand?: boolean;
  /** only the first row of the block */
  readonly firstRow?: boolean;
  /** `header` blocks: a last row matching this is the tool's description of the command, not part of it */
  readonly description?: PatternSource;
  /** the summary: `{}` stands for the text found; without `{}` the template itself is the summary */
  readonly template?: string;
}

/** A menu dialog: a question row followed by option rows, one of them highlighted by a selection marker. */
export interface DialogSpec {
  /** rule id within the profile, e.g. `permission` → `claude-code.permission` */
  readonly id: string;
  /** the row that asks; the options follow below it */
  readonly question: readonly PatternSource[];
  /** labels (number and hotkey removed) of options that approve once; sticky options never qualify */
  readonly approve: readonly PatternSource[];
  /** labels of options that decline; used to compute decline keys when `deny` is not given */
  readonly decline?: readonly PatternSource[];
  /** `navigate`: move the highlight to the approving option, then Enter; `hotkey`: press the option's own key, e.g. `y` */
  readonly keys: 'navigate' | 'hotkey';
  /** tmux keys that decline, e.g. `["Escape"]`; omitted: navigate to the `decline` option */
  readonly deny?: readonly string[];
  /** what is being approved, tried in order; none found means the dialog is ambiguous (never approved) */
  readonly subject: readonly SubjectSpec[];
}

/** A classic line prompt: live only on the last row with the cursor at its end. */
export interface LinePromptSpec {
  /** rule id within the profile, e.g. `yes-no` */
  readonly id: string;
  /** the prompt row; capture groups can be used in `approve` as `$1` */
  readonly prompt: PatternSource;
  /** a row among the six above that must match too (terraform's "Only 'yes' will be accepted") */
  readonly context?: PatternSource;
  /** tmux keys that approve: key names (`Enter`) or literal text (`y`, `yes`, `$1`) */
  readonly approve: readonly string[];
  /** tmux keys that decline */
  readonly deny: readonly string[];
  /** what is being approved; omitted: the command after the last shell prompt; `[]`: nothing (a pager) */
  readonly subject?: readonly SubjectSpec[];
}

/**
 * How a program's input box takes text: where typed text shows, and the timing it needs. The actuator types only
 * into a box it can read back, waits for it to be ready, and checks the text is there before pressing Enter.
 * Figures come from the real CLIs (the agent test bench asserts them); durations are milliseconds.
 */
export interface InputSpec {
  /** the input box row holding typed text (box borders removed); capture group 1 is the text */
  readonly row: readonly PatternSource[];
  /** no typing until the input box has been on screen this long: some programs draw it before they take input */
  readonly readyAfter: number;
  /** no typing until the screen has been still this long */
  readonly settle: number;
  /** at least this long between the last character and Enter: a sooner Enter is a newline, or swallowed as a paste */
  readonly enterGap: number;
  /** keys that empty the box, or `backspace`: one BSpace per character typed */
  readonly clear: 'backspace' | readonly string[];
}

/** One program's screens, as written in a built-in profile or a config override. */
/** How an agent takes hooks from nightshift: the kind names the adapter in core/hooks (wiring + JSON format). */
export interface ChannelSpec {
  readonly kind: ChannelKind;
  /** the hook events nightshift subscribes to */
  readonly events: readonly string[];
}

export interface ProfileSpec {
  /** one line: which program this is */
  readonly description: string;
  /** rows that show this program is running (auto-detection counts them) */
  readonly detect: readonly PatternSource[];
  /** `pane_current_command` values of this program */
  readonly commands: readonly string[];
  /** the agent's own hook channel, when it has one (core/hooks wires it and answers through it) */
  readonly channel?: ChannelSpec;
  /** characters that mark the highlighted option of a menu (`❯`, `›`, `●`, `→`) */
  readonly markers: string;
  readonly dialogs: readonly DialogSpec[];
  readonly linePrompts: readonly LinePromptSpec[];
  /** option labels never chosen unattended: "don't ask again", "always allow", mode switches */
  readonly sticky: readonly PatternSource[];
  /** rows that show the program is working: spinners, "esc to interrupt", token counters */
  readonly busy: readonly PatternSource[];
  /** rows that only quote tool output or files; busy, limit and error signs in them do not count */
  readonly quoted: readonly PatternSource[];
  /** the idle input box: the program waits for the next instruction */
  readonly idle: readonly PatternSource[];
  /** the program asks the person a question (a decision only a human makes) */
  readonly questions: readonly PatternSource[];
  /** the label of a question menu's choice that takes typed text (Claude Code's `Type something.`) */
  readonly freeText?: readonly PatternSource[];
  /** chrome rows that may sit below a live dialog: footers, hints, spinners, status lines */
  readonly footers: readonly PatternSource[];
  /** agent output rows: one below a limit message means work resumed and the message is old */
  readonly output: readonly PatternSource[];
  /** usage/rate limit sentences (matched on the bottom rows joined by spaces) */
  readonly limits: readonly PatternSource[];
  /** words that introduce a reset time, beyond the built-in ones (`resets`, `try again`, `until`…): e.g. `back at` */
  readonly resetWords: readonly PatternSource[];
  /** near a limit sentence, these say it is not one (fallback to another model, a warning, the context window) */
  readonly notLimits: readonly PatternSource[];
  /** the agent cannot continue until a person acts (credit exhausted): state `error` with `needsHuman` */
  readonly needsHuman: readonly PatternSource[];
  /** fatal errors of a live agent: expired login, invalid key, API errors after retries */
  readonly fatal: readonly PatternSource[];
  /** credential words on a prompt row: password, passphrase, token, OTP, credential usernames */
  readonly secrets: readonly PatternSource[];
  /** rows anywhere near the bottom that are a secret dialog (pinentry, "Paste code here") */
  readonly secretDialogs: readonly PatternSource[];
  /** a shell prompt row (`user@host:dir$`): on the last row, the agent has exited */
  readonly shellPrompts: readonly PatternSource[];
  /** a pane that died: `Pane is dead (status 134, …)` */
  readonly dead: readonly PatternSource[];
  /** the input box and its timing; omitted fields come from `generic` */
  readonly input?: Partial<InputSpec>;
}

/** Every list field of a profile (the ones an override can extend or replace). */
export type ProfileListKey = {
  [K in keyof ProfileSpec]-?: NonNullable<ProfileSpec[K]> extends readonly unknown[] ? K : never;
}[keyof ProfileSpec];

import type { GuardResult } from '../guard/types.js';

/**
 * What a snapshot says the agent is doing. `question`: a choice put to the person (a question menu, a numbered
 * choice that is not a permission dialog); nothing is ever typed into it, it is escalated. `input`: an idle input box
 * or a free-text line prompt.
 */
export type PaneState = 'confirm' | 'secret' | 'input' | 'question' | 'busy' | 'limit' | 'error' | 'output';

/** One look at a pane: what tmux reports about it at one instant. Frozen. */
export interface Snapshot {
  /** configured agent name */
  readonly agent: string;
  /** tmux pane id, e.g. `%12` */
  readonly paneId: string;
  /** visible screen, one line per pane row, trailing spaces trimmed (capture-pane -p, no -J, no -e) */
  readonly lines: readonly string[];
  /** cursor position, 0-based; `visible` is tmux's cursor_flag */
  readonly cursor: { readonly x: number; readonly y: number; readonly visible: boolean };
  readonly width: number;
  readonly height: number;
  /** pane_dead: the program in the pane has exited and the pane was kept */
  readonly dead: boolean;
  /** exit status of a dead pane, when tmux knows it */
  readonly deadStatus?: number | undefined;
  /** pane_in_mode: copy mode or another mode is on; hands off */
  readonly inMode: boolean;
  /** alternate_on: a full-screen program is on the alternate screen */
  readonly alternateOn: boolean;
  /** pane_current_command, e.g. `node`, `bash`, `claude` */
  readonly currentCommand: string;
  /** pid of the pane's first process */
  readonly pid: number;
  /** whether the pane's tty echoes input; undefined when unknown. Never proof on its own. */
  readonly ttyEcho?: boolean | undefined;
  /** when the snapshot was taken */
  readonly at: Date;
  /** a hash of lines + cursor, to detect change cheaply */
  readonly hash: string;
}

/** The confirmation on screen: what is being approved and how to answer it. */
export interface Dialog {
  /** profile rule id of the prompt shape, e.g. `claude-code.permission` */
  readonly rule: string;
  /** the command or action being confirmed, verbatim; null when nothing specific (pager) */
  readonly command: string | null;
  /** `shell` when `command` is a shell command the guard must see, `action` for summaries like `edit src/a.ts` */
  readonly commandKind: 'shell' | 'action' | null;
  /** tmux key arguments that approve (key names like `Enter`, `Down`; anything else is literal text) */
  readonly approve: readonly string[] | null;
  /** tmux key arguments that decline */
  readonly deny: readonly string[] | null;
  /** the dialog's own lines, used to confirm it is still on screen right before sending */
  readonly signature: string;
  /** other readings of a command the application wrapped over several rows; the guard must allow each of them too */
  readonly variants?: readonly string[];
  /**
   * rows read as the model's description of the command (shown under it, not part of it). Text cannot prove it is
   * not a last command line, so the guard judges it on its own too: a refusal, or a program this machine has, holds.
   */
  readonly description?: string;
  /**
   * an edit to a file whose lines are run as commands (package scripts, makefiles, CI config, hooks, scripts): the
   * lines it adds, each judged by the guard as a command; `cut` when some are not on screen (never approved)
   */
  readonly planted?: { readonly lines: readonly string[]; readonly cut: boolean };
  /** why the dialog's own words say answering yes would destroy something, or cannot be read: never approved */
  readonly risk?: string;
  /** a classic line prompt: live only while the cursor sits at its end, so it needs the cursor position to be answered */
  readonly lineMode?: boolean;
}

/** A screen classified: the state, the evidence behind it, and what was recognised. */
export interface Classification {
  readonly state: PaneState;
  /** profile used (chosen in config or detected) */
  readonly profile: string;
  /** rule id that decided the state, e.g. `codex.busy.esc-to-interrupt` */
  readonly rule: string;
  /** the screen lines that are the evidence */
  readonly evidence: readonly string[];
  /** for `confirm`: the dialog */
  readonly dialog?: Dialog;
  /** for `limit`: when the quota resets, if the screen says */
  readonly resetAt?: Date;
  /** the limit or error cannot be waited out and needs a person (e.g. credit exhausted) */
  readonly needsHuman?: boolean;
  /** for `secret`: what is asked (password, passphrase, token, otp, username) */
  readonly secretKind?: string;
  /** for `question`: the menu of choices, when the question offers numbered ones */
  readonly question?: QuestionMenu;
}

/** One numbered choice of a question menu. */
export interface QuestionChoice {
  readonly number: number;
  /** the label as shown (`(type an answer)` for a free-text choice already typed into) */
  readonly label: string;
  readonly selected: boolean;
}

/** A question put to the person with numbered choices (Claude Code's question menu, a plan-mode question…). */
export interface QuestionMenu {
  /** the question's own rows, joined */
  readonly text: string;
  /** the question and its fixed choices: the same question is still on screen while this is unchanged */
  readonly signature: string;
  readonly choices: readonly QuestionChoice[];
  /** the highlighted choice's number, or null */
  readonly selected: number | null;
  /** the number of the choice that takes typed text (the profile's `freeText`), or null when there is none */
  readonly freeText: number | null;
  /** the free-text choice is highlighted and its text field holds the cursor: typed text goes into it */
  readonly fieldOpen: boolean;
  /** what the open field holds ('' when only its placeholder shows), or null when it is not open */
  readonly fieldText: string | null;
}

/** What the runner would do about a classified screen. */
export type DecisionKind = 'approve' | 'decline' | 'escalate' | 'wait' | 'none';

export interface Decision {
  readonly decision: DecisionKind;
  /** keys an approve or decline sends, or null */
  readonly keys: readonly string[] | null;
  /** the guard's verdict on the dialog's command, when it is a shell command */
  readonly guard: GuardResult | null;
  /** for `wait`: when to resume */
  readonly resetAt: Date | null;
  /** one line on why */
  readonly reason: string;
}

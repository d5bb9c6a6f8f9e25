// Snapshot → state. First match wins, in the order of prompts.md §10.3: dead or exited, secret, limit, confirm, busy,
// fatal error, input, output. Only the live bottom of the screen counts.
import { detectFromRows } from './detect-profile.js';
import { findLimit, type LimitFinding } from './limit.js';
import { findLinePrompt } from './line-prompt.js';
import { isOptionRow } from './menu.js';
import { findMenuDialog, onlyChromeBelow } from './menu-dialog.js';
import { resolveProfiles, type Profile, type ProfileSet } from './resolve-profiles.js';
import { proseQuestionRow } from './prose-question.js';
import { parseResetTime } from './reset-time.js';
import { cursorAtEnd, isBlank, viewOf, type ScreenView } from './screen-view.js';
import { findSecret } from './secret.js';
import { shownOnly } from './shown.js';
import { readQuestionMenu } from './question-menu.js';
import type { Classification, Snapshot } from './types.js';

/** How to classify: which profile, the config's overrides, the clock and zone for reset times. */
export interface ClassifyOptions {
  /** a profile name, or `auto`/undefined to detect it from the screen */
  readonly profile?: string | undefined;
  /** the config's `profiles:` overrides */
  readonly profiles?: unknown;
  /** zone for reset times printed without one (IANA name); default: this machine's */
  readonly timezone?: string | undefined;
  /** the clock for reset times; default: the snapshot's time */
  readonly now?: Date | undefined;
  /** the agent's previous snapshot: a screen still changing above an idle box means work is streaming */
  readonly previous?: Snapshot | undefined;
}

/** Programs that mean "back at a shell": the agent is gone. */
const SHELLS = new Set([
  'bash',
  'zsh',
  'sh',
  'fish',
  'dash',
  'ksh',
  'tcsh',
  'csh',
  'ash',
  'nu',
  '-bash',
  '-zsh',
  'login',
]);
/** Non-empty rows at the very bottom where an idle input box or a fatal message must be. */
const LIVE_ROWS = 5;
/** How a question typed at a line prompt ends: `name:`, `Continue?`, `>`, `name: (default)`, `region [us-east-1]:`. */
const LINE_PROMPT_END = /[:?>](?:\s*(?:\([^)]*\)|\[[^\]]*\]))?$/;
/** The end of a shell prompt of any style (`$`, `#`, `%`, `❯`, `➜`, `>`), when the pane says a shell is running. */
const ANY_SHELL_PROMPT = /^\S.{0,80}[$#%❯➜>]$/;
/** Rows above a shell prompt where a print-mode limit message may be. */
const PRINT_MODE_ROWS = 4;

type Found = Omit<Classification, 'profile'>;

/** Classifies one snapshot. Cheap enough to run for every pane on every tick. */
export function classify(snapshot: Snapshot, options: ClassifyOptions = {}): Classification {
  const set = resolveProfiles(options.profiles);
  const configured = options.profile && options.profile !== 'auto' ? set.get(options.profile) : undefined;
  const view = viewOf(snapshot);
  const name = configured?.name ?? detectFor(view, snapshot, set);
  const profile = configured ?? set.union(name);
  const found = classifyView(view, snapshot, profile, options);
  const question = found.state === 'question' ? readQuestionMenu(view, profile) : undefined;
  return { profile: name, ...found, ...(question && { question }) };
}

/** The profile a screen belongs to: by the pane's current command, else by the signs on screen. */
function detectFor(view: ScreenView, snapshot: Snapshot, set: ProfileSet): string {
  const byCommand =
    snapshot.currentCommand && set.detectors.find((d) => d.commands.includes(snapshot.currentCommand));
  if (byCommand) return byCommand.name;
  return detectFromRows(
    view.rows.filter((r) => r.trim() !== ''),
    set,
  );
}

function classifyView(
  view: ScreenView,
  snapshot: Snapshot,
  profile: Profile,
  options: ClassifyOptions,
): Found {
  const { rows, last } = view;
  const p = profile.name;
  if (last < 0)
    return snapshot.dead
      ? { state: 'error', rule: `${p}.dead`, evidence: [] }
      : { state: 'output', rule: `${p}.blank`, evidence: [] };

  // 2. dead pane, or back at a shell prompt (a limit printed just above it is a print-mode limit)
  if (snapshot.dead || profile.dead.any(rows[last]!))
    return { state: 'error', rule: `${p}.dead`, evidence: tail(view, 6) };
  if (atShellPrompt(view, snapshot, profile)) {
    const limit = findLimit(view, profile, -1, Math.max(0, last - PRINT_MODE_ROWS), last - 1);
    if (limit) return limitState(limit, `${p}.limit.print-mode`, profile, snapshot, options);
    return { state: 'error', rule: `${p}.exited`, evidence: tail(view, 6) };
  }

  // a file in an editor or pager, a followed log: nothing in it asks this pane anything (a pager's own prompt aside)
  const shown = shownOnly(view, snapshot, profile);
  if (shown) {
    const pager = findLinePrompt(view, profile);
    if (pager && pager.dialog.rule.endsWith('.pager'))
      return {
        state: 'confirm',
        rule: pager.dialog.rule,
        evidence: [rows[pager.row]!.trim()],
        dialog: pager.dialog,
      };
    return { state: 'output', rule: `${p}.shown`, evidence: [shown] };
  }

  // 3. secrets are never answered
  const secret = findSecret(view, profile, snapshot.ttyEcho);
  if (secret)
    return {
      state: 'secret',
      rule: secret.rule,
      evidence: [rows[secret.row]!.trim()],
      secretKind: secret.secretKind,
    };

  // 4. a limit lower on screen than any busy sign
  const lastBusy = lastBusyRow(view, profile);
  const limit = findLimit(view, profile, lastBusy);
  if (limit) return limitState(limit, `${p}.limit`, profile, snapshot, options);

  // 5. a live dialog (the last block on screen), or a known line prompt at the cursor
  const menu = findMenuDialog(view, profile);
  if (menu?.kind === 'dialog')
    return { state: 'confirm', rule: menu.dialog.rule, evidence: menu.evidence, dialog: menu.dialog };
  if (menu?.kind === 'question') return { state: 'question', rule: menu.rule, evidence: menu.evidence };
  const line = findLinePrompt(view, profile);
  if (line)
    return {
      state: 'confirm',
      rule: line.dialog.rule,
      evidence: [rows[line.row]!.trim()],
      dialog: line.dialog,
    };

  // 6. working
  if (lastBusy >= 0) return { state: 'busy', rule: `${p}.busy`, evidence: [rows[lastBusy]!.trim()] };

  // 7. a live agent reporting an error it cannot get past
  const fatal = liveRow(view, profile, (row) => profile.needsHuman.any(row) || profile.fatal.any(row));
  if (fatal >= 0) {
    const needsHuman = profile.needsHuman.any(rows[fatal]!);
    return {
      state: 'error',
      rule: needsHuman ? `${p}.needs-human` : `${p}.fatal`,
      evidence: tail(view, 4, fatal),
      ...(needsHuman && { needsHuman }),
    };
  }

  // 8. waiting for the person: a question, an idle input box, a menu, an unknown line prompt
  return (
    inputState(view, snapshot, profile, options) ?? {
      state: 'output',
      rule: `${p}.output`,
      evidence: tail(view, 3),
    }
  );
}

function inputState(
  view: ScreenView,
  snapshot: Snapshot,
  profile: Profile,
  options: ClassifyOptions,
): Found | undefined {
  const { rows, last } = view;
  const p = profile.name;
  const question = liveRow(view, profile, (row) => profile.questions.any(row), 8);
  if (question >= 0) return { state: 'question', rule: `${p}.question`, evidence: [rows[question]!.trim()] };
  const menuRow = liveRow(
    view,
    profile,
    (row) => isOptionRow(row, profile.markers) && /^\s*\S\s*\d+\./u.test(row),
    8,
  );
  // a numbered choice that is not a permission dialog, checked before the input box (its `❯` looks like one)
  if (menuRow >= 0 && onlyChromeBelow(view, lastOptionRow(view, menuRow, profile), profile)) {
    return { state: 'question', rule: `${p}.question.menu`, evidence: [rows[menuRow]!.trim()] };
  }
  const box = liveRow(view, profile, (row) => profile.idle.any(row));
  if (box >= 0) {
    if (options.previous && changedAbove(options.previous, snapshot, box))
      return { state: 'busy', rule: `${p}.busy.streaming`, evidence: [rows[box]!.trim()] };
    // the agent's last message asks the person something: the box is theirs to answer in, not a nudge's
    const asked = proseQuestionRow(view, box, profile);
    if (asked >= 0)
      return { state: 'question', rule: `${p}.question.prose`, evidence: [rows[asked]!.trim()] };
    return { state: 'input', rule: `${p}.input.box`, evidence: [rows[box]!.trim()] };
  }
  if (
    cursorAtEnd(view, last) === 'yes' &&
    rows[last]!.trim().length > 1 &&
    LINE_PROMPT_END.test(rows[last]!.trim())
  ) {
    return { state: 'input', rule: `${p}.input.line-prompt`, evidence: [rows[last]!.trim()] };
  }
  return undefined;
}

/** A limit state; the evidence includes the rows the reset time was read from, so it can be parsed again later. */
function limitState(
  limit: LimitFinding,
  rule: string,
  profile: Profile,
  snapshot: Snapshot,
  options: ClassifyOptions,
): Found {
  const clock = { now: options.now ?? snapshot.at, timezone: options.timezone, words: profile.resetWords };
  const own = parseResetTime(limit.evidence.join(' '), clock);
  if (own) return { state: 'limit', rule, evidence: limit.evidence, resetAt: own };
  const wider = parseResetTime(limit.message.join(' '), clock);
  return wider
    ? { state: 'limit', rule, evidence: limit.message, resetAt: wider }
    : { state: 'limit', rule, evidence: limit.evidence };
}

/** The last row is a bare shell prompt and the pane runs a shell (or nobody said what it runs). */
function atShellPrompt(view: ScreenView, snapshot: Snapshot, profile: Profile): boolean {
  const row = view.rows[view.last]!;
  const command = snapshot.currentCommand;
  if (command && !SHELLS.has(command)) return false;
  const m = profile.shellPrompts.find(row);
  if (m && m.index === 0 && row.slice(m[0].length).trim() === '') return true;
  // a prompt style nobody listed: trust it only when tmux says a shell runs and the cursor waits at its end
  return SHELLS.has(command) && cursorAtEnd(view, view.last) === 'yes' && ANY_SHELL_PROMPT.test(row.trim());
}

/** The lowest row of the bottom block showing work in progress (quoted tool output does not count), or -1. */
function lastBusyRow(view: ScreenView, profile: Profile): number {
  if (profile.busy.empty) return -1;
  for (let i = view.last; i >= view.bottom; i--) {
    const row = view.rows[i]!;
    if (row.trim() !== '' && profile.busy.any(row) && !profile.quoted.any(row)) return i;
  }
  return -1;
}

/** The lowest of the last `count` non-blank rows that passes `test`, with no agent output below it; -1 if none. */
function liveRow(
  view: ScreenView,
  profile: Profile,
  test: (row: string) => boolean,
  count = LIVE_ROWS,
): number {
  for (let i = view.last, seen = 0; i >= 0 && seen < count; i--) {
    const row = view.rows[i]!;
    if (isBlank(row)) continue;
    seen++;
    if (test(row)) return i;
    if (profile.output.any(row)) return -1;
  }
  return -1;
}

function lastOptionRow(view: ScreenView, from: number, profile: Profile): number {
  let end = from;
  while (end + 1 <= view.last && !isBlank(view.rows[end + 1]!) && !profile.footers.any(view.rows[end + 1]!))
    end++;
  return end;
}

/** Whether the rows above the input box differ from the previous snapshot's. */
function changedAbove(previous: Snapshot, current: Snapshot, box: number): boolean {
  if (previous.lines.length !== current.lines.length) return false;
  for (let i = 0; i < box; i++) if (previous.lines[i] !== current.lines[i]) return true;
  return false;
}

/** The last `n` non-blank rows up to `end`, trimmed. */
function tail(view: ScreenView, n: number, end = view.last): string[] {
  const out: string[] = [];
  for (let i = end; i >= 0 && out.length < n; i--)
    if (!isBlank(view.rows[i]!)) out.unshift(view.rows[i]!.trim());
  return out;
}

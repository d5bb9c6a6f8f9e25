// Menu dialogs (Claude, Codex, Gemini, Cursor, Copilot): the last question on screen, its options, the keys that answer it.
import type { Dialog } from './types.js';
import { isOptionRow, parseMenu, type Menu, type MenuOption } from './menu.js';
import { PatternList } from './pattern.js';
import type { DialogShape, Profile } from './resolve-profiles.js';
import { columns, isBlank, type ScreenView } from './screen-view.js';
import { isScript, plantedLines, runsCommands } from './planted.js';
import { indentOf } from './dialog-body.js';
import { findSubject, type FoundSubject } from './subject.js';

/** How far above its question a dialog's header and command may be. */
const REACH = 16;

/** What the bottom of the screen holds in menu terms. */
export type MenuFinding =
  | { readonly kind: 'dialog'; readonly dialog: Dialog; readonly evidence: readonly string[] }
  /** the menu is the agent asking the person something (a question marker is shown) */
  | { readonly kind: 'question'; readonly rule: string; readonly evidence: readonly string[] }
  /** a dialog question was found but other output follows it: it is not live */
  | { readonly kind: 'stale' };

const questionsOf = new WeakMap<Profile, PatternList>();

/** Every dialog question of a profile as one list (for the quick scan). */
function allQuestions(profile: Profile): PatternList {
  let list = questionsOf.get(profile);
  if (!list)
    questionsOf.set(
      profile,
      (list = new PatternList(profile.dialogs.flatMap((d) => d.question.patterns.map(toSource)))),
    );
  return list;
}

function toSource(re: RegExp): string {
  return `/${re.source}/${re.flags}`;
}

/** Finds the live menu dialog at the bottom of the screen, if any. */
export function findMenuDialog(view: ScreenView, profile: Profile): MenuFinding | undefined {
  const { rows, last, bottom } = view;
  const questions = allQuestions(profile);
  if (questions.empty || !questions.anyIn(view.block)) return undefined;
  let q = -1;
  for (let i = last; i >= bottom; i--) {
    if (questions.any(rows[i]!)) {
      q = i;
      break;
    }
  }
  if (q < 0) return undefined;
  const menu = parseMenu(rows, q, profile.markers);
  if (!menu || menu.options.length === 0) return undefined;
  const marker = questionMarker(view, q, profile);
  if (marker >= 0)
    return {
      kind: 'question',
      rule: `${profile.name}.question`,
      evidence: [rows[q]!.trim(), rows[marker]!.trim()],
    };
  if (!onlyChromeBelow(view, menu.end, profile)) return { kind: 'stale' };
  q = dialogQuestion(view, q, menu, questions, profile);
  let best: Dialog | undefined;
  for (const shape of profile.dialogs) {
    if (!shape.question.any(rows[q]!)) continue;
    const dialog = toDialog(view, q, menu, shape, profile);
    // a shape that approves nothing (bypass mode, wider permissions) is a veto, not a miss: no other shape may answer
    if (dialog.approve || shape.approve.empty)
      return { kind: 'dialog', dialog, evidence: evidenceRows(rows, q, menu) };
    best ??= dialog;
  }
  return best ? { kind: 'dialog', dialog: best, evidence: evidenceRows(rows, q, menu) } : undefined;
}

/**
 * The question that owns the live menu: a question row further up (at the same indent or less) with no option row
 * between it and the menu is the dialog's own, and the lower one is content (a command or reason quoting a dialog).
 */
function dialogQuestion(
  view: ScreenView,
  q: number,
  menu: Menu,
  questions: PatternList,
  profile: Profile,
): number {
  const { rows } = view;
  let best = q;
  for (let i = q - 1; i >= view.bottom; i--) {
    const row = rows[i]!;
    if (isOptionRow(row, profile.markers)) break;
    if (questions.any(row) && indentOf(row) <= indentOf(rows[best]!)) best = i;
  }
  return best < menu.start ? best : q;
}

/**
 * True when every row below `end` is blank, a rule, or chrome the profile lists (footers, spinners under dialogs),
 * a footer the application wrapped included (Claude Code's plan path under `ctrl+g to edit in Vim ·` at 80 columns).
 */
export function onlyChromeBelow(view: ScreenView, end: number, profile: Profile): boolean {
  let footer = -1;
  for (let i = end + 1; i <= view.last; i++) {
    const row = view.rows[i]!;
    if (isBlank(row)) footer = -1;
    else if (profile.footers.any(row)) footer = i;
    else if (footer === i - 1 && wrappedFrom(view, view.rows[footer]!, row)) footer = i;
    else return false;
  }
  return true;
}

/** A row that ends in a separator between items (`·`, `•`, `|`): its next item is on the row below. */
const DANGLING_SEPARATOR = /\s[·•|]\s*$/;

/**
 * True when `row` reads as the application's wrap of `above`: its first word would not have fit after it, or `above`
 * ends in a separator with nothing after it and `row` is one indented word (a layout box that moved its last item
 * down a row: `ctrl+g to edit in Vim  ·` over `                       ~/.claude/plans/<name>.md`).
 */
function wrappedFrom(view: ScreenView, above: string, row: string): boolean {
  const width = Number.isFinite(view.width) ? view.width : view.widest;
  const words = row.trim().split(/\s+/);
  if (columns(above) + 1 + columns(words[0] ?? '') > width) return true;
  return DANGLING_SEPARATOR.test(above) && words.length === 1 && indentOf(row) >= 2;
}

/** The row of a question marker (the agent asks the person) near the dialog, or -1. */
function questionMarker(view: ScreenView, q: number, profile: Profile): number {
  if (profile.questions.empty) return -1;
  for (let i = Math.max(0, q - REACH); i <= view.last; i++)
    if (profile.questions.any(view.rows[i]!)) return i;
  return -1;
}

/** Builds the Dialog for a question row, its menu and the shape that recognised it. */
function toDialog(view: ScreenView, q: number, menu: Menu, shape: DialogShape, profile: Profile): Dialog {
  const { rows } = view;
  const subject = findSubject(view, shape.subject, {
    question: q,
    below: [q + 1, menu.start - 1],
    reach: REACH,
    lineMode: false,
    shellPrompts: profile.shellPrompts,
    isOption: (i) => isOptionRow(rows[i]!, profile.markers),
  });
  const approving = menu.options.findIndex((o) => shape.approve.any(o.label) && !profile.sticky.any(o.text));
  const approve = approving < 0 ? null : keysFor(menu, approving, shape.keys);
  const declining = menu.options.findIndex((o) => shape.decline.any(o.label));
  const deny = shape.deny ?? (declining < 0 ? null : keysFor(menu, declining, shape.keys));
  const signature = [
    shape.rule,
    rows[q]!.trim(),
    subject?.text ?? '',
    ...menu.options.map((o) => `${o.selected ? '>' : ' '}${o.text}`),
  ].join('\n');
  const planted = plantedBy(view, q, subject);
  return {
    rule: shape.rule,
    // a dialog whose top is off screen shows part of its command at most: nothing to approve
    command: subject && !subject.cut ? subject.text : null,
    commandKind: subject?.kind ?? (shape.subject.length ? shape.subject[0]!.kind : null),
    approve,
    deny,
    signature,
    ...(subject?.variants.length ? { variants: subject.variants } : {}),
    ...(subject?.description !== undefined && { description: subject.description }),
    ...(planted && { planted }),
  };
}

/** For an edit or a new file that runs commands (package.json, a makefile, CI config, a hook, a script, a `#!` file): what it adds. */
function plantedBy(view: ScreenView, q: number, subject: FoundSubject | undefined): Dialog['planted'] {
  if (subject?.kind !== 'action' || subject.cut) return undefined;
  const m = /^(edit|create) (.+)$/.exec(subject.text);
  if (!m) return undefined;
  const lines = plantedLines(view, q, m[1] as 'edit' | 'create');
  return runsCommands(m[2]!) || isScript(lines) ? lines : undefined;
}

/** Keys that choose option `index`: its hotkey, or arrows from the highlighted row and Enter. Null when the highlight is unknown. */
function keysFor(menu: Menu, index: number, mode: 'navigate' | 'hotkey'): string[] | null {
  const target: MenuOption = menu.options[index]!;
  if (mode === 'hotkey' && target.hotkey && target.hotkey.length === 1) return [target.hotkey];
  if (menu.selected < 0) return null;
  const steps = index - menu.selected;
  return [...Array<string>(Math.abs(steps)).fill(steps > 0 ? 'Down' : 'Up'), 'Enter'];
}

function evidenceRows(rows: readonly string[], q: number, menu: Menu): string[] {
  return rows
    .slice(q, menu.end + 1)
    .map((r) => r.trim())
    .filter(Boolean);
}

import type { Arg } from '../syntax/arg.js';
import { classifyWord, type ExtraVerbs, type VerbClass } from './verb-words.js';

// The verb model: find a command's subcommand path (`tool group verb …`, global options first) and say what
// it does from its verbs and flags. Used for every program no pack covers.

/** What the verb model says about one command, with the word that decided. */
export interface VerbJudgement {
  /** `none`: no verb at all (`tool file.txt`, or no arguments) */
  readonly kind: VerbClass | 'none';
  readonly word?: string;
  /** true when no word was recognised and `change` is only the fallback for an unknown subcommand */
  readonly guessed?: boolean;
}

/** How many words of the path are looked at (`tool group subgroup verb`). */
const PATH_WORDS = 4;
/** A word that can be a subcommand: lower-case letters first, no path or value characters. */
const BARE = /^[a-z][a-z0-9]*([-_:][a-z0-9]+)*$/;
/** Flags that confirm or force a change: on a verb that is not a read they make it destructive. */
const FORCING = new Set(['force', 'yes', 'y', 'assume-yes', 'confirm', 'no-confirm', 'non-interactive']);

/** The subcommand path: the bare words among the first positionals, and every flag name, without dashes. */
export function subcommandPath(args: readonly Arg[]): { words: string[]; flags: string[] } {
  const words: string[] = [];
  const flags: string[] = [];
  let path = true;
  let afterFlag = false;
  for (const arg of args) {
    const value = arg.value;
    if (value === '--') break;
    const flagValue = afterFlag;
    afterFlag = false;
    if (value.startsWith('-') && value.length > 1) {
      afterFlag = !value.includes('=');
      const name = value.replace(/^--?/, '').split('=')[0] as string;
      if (value.startsWith('--') || name.length > 1) flags.push(name.toLowerCase());
      else flags.push(name);
      // a short bundle (`-fy`); longer single-dash words are options of their own (`-prefix`, `-self`)
      if (!value.startsWith('--') && name.length > 1 && name.length <= 3 && !value.includes('=')) {
        for (const letter of name) flags.push(letter);
      }
      continue;
    }
    if (!path) continue;
    // `--config x.yaml status`: a value after an option does not end the path
    if (flagValue && (arg.dynamic || !BARE.test(value))) continue;
    if (arg.dynamic || !BARE.test(value) || words.length >= PATH_WORDS) {
      path = false;
      continue;
    }
    words.push(value);
  }
  return { words, flags };
}

/**
 * Judges a command by its verbs. A destructive word or flag anywhere wins; otherwise the last verb of the path
 * decides (`release list` reads releases, `status update` changes one), and a change or publishing flag makes a
 * read a change. Forcing flags (`--force`, `--yes`) on anything but a read destroy.
 */
export function judgeVerbs(args: readonly Arg[], extra?: ExtraVerbs): VerbJudgement {
  const { words, flags } = subcommandPath(args);
  let last: { kind: VerbClass; word: string } | undefined;
  for (const word of words) {
    const kind = classifyWord(word, extra);
    if (kind === 'destroy') return { kind, word };
    if (kind) last = { kind, word };
  }
  // verbs spelled as long flags: `kafka-topics --delete`, `mdadm --detail`
  let flagged: { kind: VerbClass; word: string } | undefined;
  for (const flag of flags) {
    if (flag.length < 3 || FORCING.has(flag) || flag.startsWith('no-') || NOT_VERBS.has(flag)) continue;
    const kind = classifyWord(flag, extra);
    if (kind === 'destroy') return { kind, word: `--${flag}` };
    if (kind && (!flagged || RANK[kind] > RANK[flagged.kind])) flagged = { kind, word: `--${flag}` };
  }
  let verdict = last;
  if (flagged && (!verdict || (verdict.kind === 'read' && flagged.kind !== 'read'))) verdict = flagged;
  const forced = flags.find((flag) => FORCING.has(flag));
  if (verdict && verdict.kind !== 'read' && forced)
    return { kind: 'destroy', word: `${verdict.word} --${forced}` };
  if (verdict) return verdict;
  return words[0] ? { kind: 'change', word: words[0], guessed: true } : { kind: 'none' };
}

/** Flags that look like verbs but only print: help is a preview of its own. */
const NOT_VERBS = new Set(['help', 'version', 'verbose', 'quiet', 'output', 'format', 'debug', 'log-level']);

const RANK: Readonly<Record<VerbClass, number>> = { read: 0, change: 1, publish: 2, destroy: 3 };

/** `--help`, `-help`, `-h` or a `help` word in the subcommand path: the command prints help and does nothing. */
export function isHelpRequest(args: readonly Arg[]): boolean {
  if (args.length === 1 && /^(--version|-version|-V)$/.test(args[0]?.value ?? '')) return true;
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as Arg;
    const value = arg.value;
    if (value === '--') return false;
    if (value === '--help' || value === '-help' || (value === '-h' && i === args.length - 1)) return true;
    if (value.startsWith('-')) continue;
    if (arg.dynamic || !BARE.test(value)) return false;
    if (value === 'help') return true;
    if (++positionals > 3) return false;
  }
  return false;
}

/** Generic dry-run flags every verb-judged program is taken at its word for (`-n` only where documented). */
const DRY_RUN =
  /^--(dry-?run(=(client|server|true|all))?|preview-only|simulate|what-if|noop|no-act|plan-only)$/i;

/** A documented generic preview flag before `--`. */
export function hasDryRunFlag(args: readonly Arg[]): boolean {
  for (const arg of args) {
    if (arg.value === '--') return false;
    if (DRY_RUN.test(arg.value)) return true;
  }
  return false;
}

// `nightshift classify FILE...`: what the runner would decide for captured screens.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { NightshiftError } from '../errors.js';
import { createGuard } from '../guard/index.js';
import type { Guard } from '../guard/types.js';
import {
  classify,
  decide,
  guardDialog,
  resolveProfiles,
  snapshotFromText,
  type PaneStateRecord,
} from '../screen/index.js';
import { contractState } from '../screen/contract-state.js';
import { guardFor } from './runtime.js';
import { defineCommand, type CommandIO } from './types.js';

/** One screen's verdict, in the JSON shape DESIGN.md fixes (plus `question`, `profile` and `reason`). */
export interface ClassifyRecord {
  readonly file: string;
  /** one of the contract's seven states; a question for the person is `input` with `question: true` */
  readonly state: string;
  readonly decision: string;
  readonly keys: readonly string[] | null;
  readonly command: string | null;
  readonly verdict: string | null;
  readonly rule: string;
  readonly resetAt: string | null;
  readonly profile: string;
  readonly reason: string;
  /** the pane shows a question for the person (a question menu): nothing is typed into it, it is escalated */
  readonly question: boolean;
}

/** What every screen is classified with. */
interface Setup {
  readonly guard: Guard;
  readonly profile: string | undefined;
  readonly profiles: unknown;
  readonly timezone: string | undefined;
  readonly now: Date;
  readonly cursor: { x: number; y: number } | undefined;
}

export default defineCommand({
  name: 'classify',
  summary: 'what the runner would decide for captured screens',
  usage: `Usage: nightshift classify FILE... [--profile P] [--now ISO] [--cursor X,Y] [--json]

Classifies saved screens (capture-pane -p output, one row per line) the way the runner would:
state (confirm, secret, input, busy, limit, error, output; a question for the person is input
with "question": true), the decision (approve, decline, escalate, wait, none), the keys an approval sends, the command and the guard's verdict on it,
and the reset time of a usage limit.

A sibling FILE.tmux.json (or FILE without .txt plus .tmux.json) holding tmux's pane state
(cursor_x, cursor_y, cursor_flag, alternate_on, pane_in_mode, pane_dead, pane_current_command,
tty_mode) supplies the cursor and pane flags; without it the screen is read from text alone and
line prompts are never approved.

  --profile P     screen profile (claude-code, codex, gemini, aider, cursor, copilot, generic); default: detect
  --now ISO       the clock for reset times (default: now)
  --cursor X,Y    the cursor position (0-based), overriding the sidecar
  --json          one JSON object per screen:
                  {"file","state","decision","keys","command","verdict","rule","resetAt","profile","reason","question"}

Reset times printed without a zone use the config's timezone when --config is given, else TZ.`,
  options: {
    profile: { type: 'string' },
    now: { type: 'string' },
    cursor: { type: 'string' },
  },
  allowPositionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) throw new NightshiftError('USAGE', 'give at least one screen file');
    const setup = await setupFrom(args.values, io);
    let failed = 0;
    for (const file of args.positionals) {
      let record: ClassifyRecord;
      try {
        record = classifyFile(resolve(io.cwd, file), file, setup);
      } catch (error) {
        failed++;
        io.stderr.write(
          `nightshift classify: ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        continue;
      }
      io.stdout.write(args.values.json ? `${JSON.stringify(record)}\n` : formatRecord(record));
    }
    return failed ? 1 : 0;
  },
});

/** Reads the flags and, with --config, the config's zone, profiles and guard settings. */
async function setupFrom(values: Readonly<Record<string, unknown>>, io: CommandIO): Promise<Setup> {
  const now = typeof values.now === 'string' ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new NightshiftError(
      'USAGE',
      `--now: not a date: ${String(values.now)} (write it like 2026-11-21T02:00:00Z)`,
    );
  let cursor: Setup['cursor'];
  if (typeof values.cursor === 'string') {
    const m = /^(\d+),(\d+)$/.exec(values.cursor.trim());
    if (!m)
      throw new NightshiftError(
        'USAGE',
        `--cursor: expected X,Y (0-based column and row), got ${values.cursor}`,
      );
    cursor = { x: Number(m[1]), y: Number(m[2]) };
  }
  const profile = typeof values.profile === 'string' ? values.profile : undefined;
  const setup: Setup =
    typeof values.config === 'string'
      ? await configured(values.config, io, { profile, now, cursor })
      : { guard: createGuard(), profile, profiles: undefined, timezone: io.env.TZ || undefined, now, cursor };
  const known = resolveProfiles(setup.profiles);
  if (profile && profile !== 'auto' && !known.get(profile)) {
    throw new NightshiftError(
      'USAGE',
      `--profile: no profile "${profile}" (known: ${known.names.join(', ')}, or auto)`,
    );
  }
  return setup;
}

/** The config's zone, profiles and guard settings, with the flags. */
async function configured(
  file: string,
  io: CommandIO,
  flags: Pick<Setup, 'profile' | 'now' | 'cursor'>,
): Promise<Setup> {
  const loaded = await loadConfig({ file, cwd: io.cwd, env: io.env });
  return {
    ...flags,
    guard: guardFor(loaded),
    profiles: loaded.config.profiles,
    timezone: loaded.config.timezone,
  };
}

/** Classifies one screen file and decides what the runner would do. */
export function classifyFile(path: string, shown: string, setup: Setup): ClassifyRecord {
  const text = readFileSync(path, 'utf8');
  const sidecar = sidecarOf(path);
  const state: PaneStateRecord = {
    ...sidecar,
    ...(setup.cursor && { cursor_x: setup.cursor.x, cursor_y: setup.cursor.y, cursor_flag: 1 }),
  };
  const snapshot = snapshotFromText(text, state, { at: setup.now });
  const c = classify(snapshot, {
    profile: setup.profile,
    profiles: setup.profiles,
    timezone: setup.timezone,
    now: setup.now,
  });
  const d = decide(c, snapshot, setup.guard);
  const verdict = d.guard ?? (c.dialog ? guardDialog(c.dialog, setup.guard) : null);
  return {
    file: shown,
    state: contractState(c.state),
    decision: d.decision,
    keys: d.decision === 'approve' || d.decision === 'decline' ? d.keys : null,
    command: c.dialog?.command ?? null,
    verdict: verdict?.verdict ?? null,
    rule: c.rule,
    resetAt: c.resetAt?.toISOString() ?? null,
    profile: c.profile,
    reason: d.reason,
    question: c.state === 'question',
  };
}

/** The pane state saved beside a screen: FILE.tmux.json, or FILE minus its extension plus .tmux.json. */
function sidecarOf(path: string): PaneStateRecord {
  for (const candidate of [`${path}.tmux.json`, `${path.replace(/\.[^./]+$/, '')}.tmux.json`]) {
    if (!existsSync(candidate)) continue;
    try {
      return JSON.parse(readFileSync(candidate, 'utf8')) as PaneStateRecord;
    } catch (error) {
      throw new Error(`${candidate}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return {};
}

function formatRecord(r: ClassifyRecord): string {
  const head = `${r.file}: ${r.question ? 'question' : r.state} (${r.rule}) → ${r.decision}${r.keys ? ` [${r.keys.join(' ')}]` : ''}`;
  const details = [
    r.command !== null && `command: ${r.command}${r.verdict ? ` (guard: ${r.verdict})` : ''}`,
    r.resetAt && `resets at ${r.resetAt}`,
    `why: ${r.reason}`,
  ].filter(Boolean);
  return `${head}\n${details.map((d) => `  ${d}\n`).join('')}`;
}

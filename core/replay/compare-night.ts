// One night replayed and compared: reads its journal and screen record, replays the record through a config, and
// lists the decisions that would change, with a summary.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Config } from '../../config/schema.js';
import { NightshiftError } from '../errors.js';
import type { Guard } from '../guard/types.js';
import type { JournalEvent } from '../journal/events.js';
import { readJournal } from '../journal/journal.js';
import { SCREENS_FILE } from '../journal/screen-record.js';
import type { LoadedPlugin } from '../plugin/loader.js';
import { hashScreen } from '../screen/snapshot.js';
import type { ClassifyScreen } from '../watch/watch.js';
import { decisionsOf, diffDecisions, shownInRecord, type Difference } from './decisions.js';
import { readRecordIndex, replayNight, type RecordIndex } from './replay-night.js';

/** What `nightshift replay` says about one night. */
export interface NightComparison {
  readonly night: string;
  readonly runDir: string;
  /** the replayed window (ISO) */
  readonly from: string;
  readonly to: string;
  readonly agents: readonly string[];
  /** recorded agents the config no longer declares: not replayed */
  readonly unknownAgents: readonly string[];
  /** the record stopped at its size cap at this time (ISO): the rest of the night is not replayed */
  readonly cappedAt: string | undefined;
  /** a torn tail (a runner killed mid-write) was skipped */
  readonly damaged: boolean;
  readonly screens: number;
  readonly hookRequests: number;
  /** decisions the night made, and the replay made, in the window */
  readonly decisions: { readonly night: number; readonly replay: number };
  readonly differences: readonly Difference[];
}

/** The parts of a runtime a replay uses: the config and what is built from it. */
export interface ReplayParts {
  readonly config: Config;
  readonly plugins: readonly LoadedPlugin[];
  readonly guard: Guard;
  readonly classify: ClassifyScreen;
}

/** Replays the night in `runDir` through `parts` and compares it with what the night did. */
export async function compareNight(runDir: string, parts: ReplayParts): Promise<NightComparison> {
  const file = join(runDir, SCREENS_FILE);
  if (!existsSync(file))
    throw new NightshiftError(
      'NIGHT_NOT_FOUND',
      `${runDir} has no screen record (${SCREENS_FILE}): only nights run with \`record: { screens: true }\` (the default) can be replayed, and \`record.nights\` keeps the newest ones`,
    );
  const index = await readRecordIndex(file);
  const journalFile = join(runDir, 'events.jsonl');
  const night: readonly JournalEvent[] = existsSync(journalFile) ? readJournal(journalFile).events : [];
  const id = basename(runDir);
  const replay = await replayNight({ ...parts, record: index, night: { id, runDir } });
  const end = index.cappedAt ?? index.to;
  const inWindow = (e: JournalEvent) => {
    const t = Date.parse(e.t);
    return t >= index.from && t <= end;
  };
  const byHash = new Map<string, string>();
  for (const [rid, h] of index.hashOf) byHash.set(h, rid);
  // a replayed screen hashes as recorded unless redaction changed its rows: those are hashed again, once, if needed
  let served: Map<string, string> | undefined;
  const before = decisionsOf(
    night.filter(inWindow),
    (agent, t) => shownInRecord(index, agent, t),
    (h) => byHash.get(h),
  );
  const after = decisionsOf(
    replay.events,
    (_agent, _t, i) => replay.shown[i],
    (h) => byHash.get(h) ?? (served ??= servedIds(index)).get(h),
  );
  const interval = parts.config.watch.interval;
  const differences = diffDecisions(before, after, {
    toleranceMs: Math.max(10_000, 5 * interval),
    excerpt: (key, command) => excerpt(index, key, command),
  });
  return {
    night: id,
    runDir,
    from: new Date(index.from).toISOString(),
    to: new Date(end).toISOString(),
    agents: [...index.timelines.keys()].filter((a) => !replay.unknownAgents.includes(a)),
    unknownAgents: replay.unknownAgents,
    cappedAt: index.cappedAt === undefined ? undefined : new Date(index.cappedAt).toISOString(),
    damaged: index.damaged,
    screens: index.screens.size,
    hookRequests: index.hooks.length,
    decisions: { night: before.length, replay: after.length },
    differences,
  };
}

/** The record id of each screen by the hash a replay's snapshot of it has (recorded rows, redaction included). */
function servedIds(index: RecordIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, s] of index.screens) out.set(hashScreen(s.lines, s.cursorX, s.cursorY), id);
  return out;
}

/** A few rows of the screen a decision was made on: the first rows naming the command, then the last rows. */
function excerpt(index: RecordIndex, key: string, command: string | undefined): string[] {
  if (key.startsWith('hook:')) return [`(hook) ${key.slice(5)}`];
  const rows = (index.screens.get(key)?.lines ?? []).map((l) => l.trim()).filter(Boolean);
  const naming = command ? rows.filter((r) => r.includes(command)).slice(0, 2) : [];
  const last = rows.slice(-(4 - naming.length)).filter((r) => !naming.includes(r));
  return [...naming, ...last].map((r) => (r.length > 120 ? `${r.slice(0, 117)}...` : r));
}

// `ctx.screen`: an agent's screen read for plugins (transcript, new rows, input box, scrollback), built once per look.
import { findBox } from '../actuator/input-box.js';
import { resolveProfiles, type Profile } from '../screen/resolve-profiles.js';
import { isBlank, viewOf } from '../screen/screen-view.js';
import type { Classification, Snapshot } from '../screen/types.js';
import { readLogTail } from '../plugin/log-tail.js';
import { typedRows } from '../plugin/typed-record.js';
import type { ScreenModel, ScreenRow } from '../plugin/types.js';

/** What the screen model is read from. */
export interface ScreenFacts {
  readonly snapshot: Snapshot;
  readonly previous: Snapshot | undefined;
  readonly classification: Classification;
  /** the agent's configured profile (`auto` or undefined: the one the classifier detected) */
  readonly profile: string | undefined;
  /** the config's `profiles:` overrides */
  readonly profiles: unknown;
  /** what nightshift typed into this pane lately */
  readonly typed: readonly string[];
  /** the pane's log file */
  readonly logFile: string;
}

/** Builds the screen model for one look; each part is computed on first use and kept. */
export function screenModel(facts: ScreenFacts): ScreenModel {
  let box: ScreenModel['input'] | undefined;
  let transcript: ScreenRow[] | undefined;
  let fresh: ScreenRow[] | undefined;
  let output: string[] | undefined;
  const input = () => (box === undefined ? (box = readBox(facts)) : box);
  const rows = () => (transcript ??= readTranscript(facts, input()?.start ?? facts.snapshot.lines.length));
  const newRows = () => {
    if (fresh) return fresh;
    // the same rows as the last look (a snapshot of an unchanged screen shares them): every row was there before
    if (facts.previous?.lines === facts.snapshot.lines) return (fresh = []);
    const before = new Set(facts.previous ? viewOf(facts.previous).rows.map((r) => r.trim()) : []);
    return (fresh = rows().filter((r) => !before.has(r.text.trim())));
  };
  return {
    get transcript() {
      return rows();
    },
    get newRows() {
      return newRows();
    },
    get newOutput() {
      return (output ??= newRows()
        .filter((r) => r.by === 'agent')
        .map((r) => r.text));
    },
    get input() {
      return input();
    },
    scrollback: (n = 200) =>
      readLogTail(facts.logFile, {
        cols: facts.snapshot.width,
        rows: facts.snapshot.height,
        keep: n,
      }),
  };
}

function profileOf(facts: ScreenFacts): Profile {
  const set = resolveProfiles(facts.profiles);
  const configured = facts.profile && facts.profile !== 'auto' ? set.get(facts.profile) : undefined;
  return configured ?? set.union(facts.classification.profile);
}

function readBox(facts: ScreenFacts): ScreenModel['input'] {
  const found = findBox(facts.snapshot, profileOf(facts));
  if (!found) return null;
  const rows = found.rows.map((r) => r.trim());
  return { text: rows.filter(Boolean).join('\n'), rows, start: found.start };
}

/** Rows above `end` (the input box, or the screen's end): borders removed, blank rows and rules dropped, marked. */
function readTranscript(facts: ScreenFacts, end: number): ScreenRow[] {
  const kept: { text: string; row: number }[] = [];
  const rows = viewOf(facts.snapshot).rows;
  for (let row = 0; row < Math.min(end, rows.length); row++)
    if (!isBlank(rows[row]!)) kept.push({ text: rows[row]!, row });
  const marks = typedRows(
    kept.map((k) => k.text),
    facts.typed,
  );
  return kept.map(({ text, row }, i) => Object.freeze({ text, row, by: marks[i] ? 'nightshift' : 'agent' }));
}

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
  return new LookScreen(facts);
}

/**
 * `ctx.screen` for one look. A class with its getters on the prototype: a tick builds one per agent per look, and an
 * object literal with getters and closures costs far more to build in V8.
 */
class LookScreen implements ScreenModel {
  readonly #facts: ScreenFacts;
  #box: ScreenModel['input'] | undefined;
  #transcript: ScreenRow[] | undefined;
  #fresh: ScreenRow[] | undefined;
  #output: string[] | undefined;

  constructor(facts: ScreenFacts) {
    this.#facts = facts;
  }

  get input(): ScreenModel['input'] {
    return this.#box === undefined ? (this.#box = readBox(this.#facts)) : this.#box;
  }

  get transcript(): ScreenRow[] {
    return (this.#transcript ??= readTranscript(
      this.#facts,
      this.input?.start ?? this.#facts.snapshot.lines.length,
    ));
  }

  get newRows(): ScreenRow[] {
    if (this.#fresh) return this.#fresh;
    const { previous, snapshot } = this.#facts;
    // the same rows as the last look (a snapshot of an unchanged screen shares them): every row was there before
    if (previous?.lines === snapshot.lines) return (this.#fresh = []);
    const before = new Set(previous ? viewOf(previous).rows.map((r) => r.trim()) : []);
    return (this.#fresh = this.transcript.filter((r) => !before.has(r.text.trim())));
  }

  get newOutput(): string[] {
    return (this.#output ??= this.newRows.filter((r) => r.by === 'agent').map((r) => r.text));
  }

  /** an own function, as before: a plugin may take it off `ctx.screen` and call it alone */
  readonly scrollback = (n = 200): Promise<readonly string[]> =>
    readLogTail(this.#facts.logFile, {
      cols: this.#facts.snapshot.width,
      rows: this.#facts.snapshot.height,
      keep: n,
    });
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

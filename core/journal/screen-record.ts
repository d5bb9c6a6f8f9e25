// The night's screen record (`screens.jsonl.gz` beside the journal): each distinct screen an agent showed, kept once,
// the times each agent's screen changed, and the hook requests agents made. Redacted before it is written, capped in
// size; `nightshift replay` feeds it back through the runner (core/replay). Written as one gzip member per flush (a
// tick), so a runner killed mid-night loses at most the last tick and a resumed night appends. A screen stored for an
// agent that had one stored before names it as its base and gives the rows it shares with it by their index there (a
// spinner or a new transcript row changes one or two rows of thirty): the record reads back several times faster.
import { closeSync, createReadStream, existsSync, statSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { constants, createGunzip, gzipSync } from 'node:zlib';
import { openPrivate } from '../files/private.js';
import { hashScreen } from '../screen/snapshot.js';
import type { RawCapture } from '../tmux/types.js';

/** The record's file name in a night's run directory. */
export const SCREENS_FILE = 'screens.jsonl.gz';

/** A screen as recorded: what a capture carries that the classifier reads (no pid or tty). */
export interface RecordedScreen {
  readonly lines: readonly string[];
  readonly cursorX: number;
  readonly cursorY: number;
  readonly cursorVisible: boolean;
  readonly width: number;
  readonly height: number;
  readonly dead: boolean;
  readonly deadStatus?: number | undefined;
  readonly inMode: boolean;
  readonly alternateOn: boolean;
  readonly currentCommand: string;
}

/** One line of the record, as read back (a screen's rows whole, whether or not it was written against a base). */
export type RecordLine =
  /** a distinct screen, once per night: `id` names it, `h` is the hash the journal's `screenHash` uses */
  | { readonly k: 'screen'; readonly id: string; readonly h: string; readonly s: RecordedScreen }
  /** agent `a` (pane `p`) showed screen `id` from `t` on */
  | { readonly k: 'seen'; readonly a: string; readonly p: string; readonly id: string; readonly t: string }
  /** agent `a`'s hook asked the runner `req` (a HookRequest) at `t` */
  | { readonly k: 'hook'; readonly a: string; readonly t: string; readonly req: unknown }
  /** the size cap was reached at `t`: nothing after it was recorded */
  | { readonly k: 'cap'; readonly t: string; readonly maxMB: number };

/**
 * A screen line as written: `a` is the agent it was stored for; with `b`, the screen stored for `a` just before it
 * (its base), a number in `s.lines` is the row at that index of the base's rows. Records written before bases existed
 * have neither, and every row written out.
 */
interface WrittenScreen {
  readonly k: 'screen';
  readonly id: string;
  readonly h: string;
  readonly a?: string;
  readonly b?: string;
  readonly s: Omit<RecordedScreen, 'lines'> & { readonly lines: readonly (string | number)[] };
}

/** The last screen stored for an agent: the base of its next one. */
interface Base {
  readonly id: string;
  readonly lines: readonly string[];
}

/** Redacts a screen's rows together (a private key block spans rows) and any one string. */
export interface RecordRedactor {
  readonly lines: (lines: readonly string[]) => string[];
  readonly text: (text: string) => string;
}

export interface ScreenRecorderOptions {
  readonly maxBytes: number;
  readonly redact: RecordRedactor;
}

/** Writes a night's screen record; every write is redacted first. One per night. */
export class ScreenRecorder {
  readonly #file: string;
  readonly #o: ScreenRecorderOptions;
  readonly #known: Set<string>;
  readonly #showing = new Map<string, string>();
  /** each agent's last stored screen */
  readonly #bases = new Map<string, Base>();
  #pending: string[] = [];
  #bytes: number;
  #capped = false;

  /**
   * A recorder appending to `file`. For a night that resumes, open it with `ScreenRecorder.open`, which reads what is
   * kept already; given an existing file here, screens kept before may be kept again (harmless, only larger).
   */
  constructor(
    file: string,
    options: ScreenRecorderOptions,
    resumed?: { known: Set<string>; capped: boolean },
  ) {
    this.#file = file;
    this.#o = options;
    this.#bytes = existsSync(file) ? statSync(file).size : 0;
    this.#known = resumed?.known ?? new Set();
    this.#capped = (resumed?.capped ?? false) || this.#bytes >= options.maxBytes;
  }

  /** A recorder appending to `file`, which may hold a resumed night's record: its screens are not kept again. */
  static async open(file: string, options: ScreenRecorderOptions): Promise<ScreenRecorder> {
    const known = new Set<string>();
    let capped = false;
    if (existsSync(file))
      await streamWritten(file, (line) => {
        if (line.k === 'screen') known.add(line.id);
        else if (line.k === 'cap') capped = true;
      });
    return new ScreenRecorder(file, options, { known, capped });
  }

  /** True once the size cap stopped the record. */
  get capped(): boolean {
    return this.#capped;
  }

  /** Agent `agent` showed `raw` at `at`: kept when it differs from what the agent showed before. */
  saw(agent: string, raw: RawCapture, at: Date): void {
    if (this.#capped) return;
    const h = hashScreen(raw.lines, raw.cursorX, raw.cursorY);
    const id = `${h}${raw.dead ? `:dead${raw.deadStatus ?? ''}` : ''}${raw.inMode ? ':mode' : ''}${raw.alternateOn ? ':alt' : ''}:${raw.currentCommand}`;
    if (this.#showing.get(agent) === id) return;
    this.#showing.set(agent, id);
    if (!this.#known.has(id)) {
      this.#known.add(id);
      const lines = this.#o.redact.lines(raw.lines);
      const base = this.#bases.get(agent);
      this.#bases.set(agent, { id, lines });
      const s: WrittenScreen['s'] = {
        lines: base ? lines.map((row) => rowIn(base.lines, row)) : lines,
        cursorX: raw.cursorX,
        cursorY: raw.cursorY,
        cursorVisible: raw.cursorVisible,
        width: raw.width,
        height: raw.height,
        dead: raw.dead,
        deadStatus: raw.deadStatus,
        inMode: raw.inMode,
        alternateOn: raw.alternateOn,
        currentCommand: this.#o.redact.text(raw.currentCommand),
      };
      this.#push(
        base ? { k: 'screen', id, h, a: agent, b: base.id, s } : { k: 'screen', id, h, a: agent, s },
      );
    }
    this.#push({ k: 'seen', a: agent, p: raw.paneId, id, t: at.toISOString() });
  }

  /** Agent `agent`'s hook asked `request` at `at` (its strings redacted). */
  hook(agent: string, request: unknown, at: Date): void {
    if (this.#capped) return;
    this.#push({
      k: 'hook',
      a: agent,
      t: at.toISOString(),
      req: redactStrings(request, this.#o.redact.text),
    });
  }

  /** Writes what was kept since the last flush as one gzip member; past the cap, writes the cap mark and stops. */
  flush(at: Date = new Date()): void {
    if (!this.#pending.length || this.#capped) return;
    // the fastest level: a night pays for this on every look; it compresses these screens only ~7 % less well
    let chunk = gzipSync(`${this.#pending.join('\n')}\n`, { level: constants.Z_BEST_SPEED });
    this.#pending = [];
    if (this.#bytes + chunk.length > this.#o.maxBytes) {
      this.#capped = true;
      const maxMB = Math.round(this.#o.maxBytes / 1024 / 1024);
      chunk = gzipSync(`${JSON.stringify({ k: 'cap', t: at.toISOString(), maxMB } satisfies RecordLine)}\n`);
    }
    const fd = openPrivate(this.#file, 'a');
    try {
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    this.#bytes += chunk.length;
  }

  #push(line: RecordLine | WrittenScreen): void {
    this.#pending.push(JSON.stringify(line));
  }
}

/**
 * Where `row` first is in `base`, or the row itself when the base does not show it. The first place, not the same
 * place: the blank rows of a screen then all read as one number, which packs smaller.
 */
function rowIn(base: readonly string[], row: string): string | number {
  const at = base.indexOf(row);
  return at < 0 ? row : at;
}

/** What a record holds, in the order it was written. `damaged`: an unreadable tail was left out. */
export interface ScreenRecord {
  readonly lines: readonly RecordLine[];
  readonly damaged: boolean;
}

/**
 * Reads a night's screen record (a runner killed mid-write leaves a torn tail, which is skipped). Rows are shared
 * between the screens that show them, so a night of screens that differ in a row or two takes little memory.
 */
export async function readScreenRecord(file: string): Promise<ScreenRecord> {
  const lines: RecordLine[] = [];
  const { damaged } = await streamScreenRecord(file, (line) => void lines.push(line));
  return { lines, damaged };
}

/**
 * Calls `onLine` with each line of a record, in order, decompressing as it goes (a record can be far larger
 * unpacked than a string may be); a screen comes with its rows whole. `damaged`: an unreadable line or a corrupt
 * tail was skipped.
 */
export async function streamScreenRecord(
  file: string,
  onLine: (line: RecordLine) => void,
): Promise<{ damaged: boolean }> {
  const bases = new Map<string, Base>();
  const rows = new Map<string, string>();
  const intern = (row: string) => {
    const known = rows.get(row);
    if (known !== undefined) return known;
    rows.set(row, row);
    return row;
  };
  let lost = false;
  const { damaged } = await streamWritten(file, (line) => {
    if (line.k !== 'screen') onLine(line);
    else if (makeWhole(line, bases, intern)) onLine(line as RecordLine);
    else lost = true; // its base was in a line that could not be read: so is this screen
  });
  return { damaged: damaged || lost };
}

/** Calls `onLine` with each line of a record as written (a screen's rows maybe by index in its base). */
async function streamWritten(
  file: string,
  onLine: (line: Exclude<RecordLine, { k: 'screen' }> | WrittenScreen) => void,
): Promise<{ damaged: boolean }> {
  let damaged = false;
  let rest = '';
  const take = (row: string) => {
    if (!row) return;
    try {
      onLine(JSON.parse(row) as Exclude<RecordLine, { k: 'screen' }> | WrittenScreen);
    } catch {
      damaged = true;
    }
  };
  const decoder = new StringDecoder('utf8');
  try {
    // a torn member ends the stream without an error: what it holds up to the tear is read
    const input = createReadStream(file);
    const stream = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    input.on('error', (error) => stream.destroy(error));
    for await (const chunk of input.pipe(stream) as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        take(text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } catch {
    damaged = true; // corrupt bytes past a tear: what came before them is kept
  }
  take(rest + decoder.end());
  return { damaged };
}

/**
 * Makes a written screen's rows whole (its base's rows filled in) and remembers it as its agent's base; false when its
 * base is not the agent's last screen read (a line between them could not be read) or a row index is out of range.
 * A base's rows are shared already; the rows of a screen written whole (no base) are interned, so a record written
 * before bases existed also shares the rows its screens repeat.
 */
function makeWhole(line: WrittenScreen, bases: Map<string, Base>, intern: (row: string) => string): boolean {
  const { a: agent, b: baseId, s } = line;
  const base = baseId === undefined ? undefined : agent === undefined ? undefined : bases.get(agent);
  if (baseId !== undefined && (!base || base.id !== baseId)) return false;
  const lines: string[] = new Array<string>(s.lines.length);
  for (let i = 0; i < lines.length; i++) {
    const row = s.lines[i]!;
    const text = typeof row === 'number' ? base?.lines[row] : base ? row : intern(row);
    if (text === undefined) return false;
    lines[i] = text;
  }
  (s as { lines: readonly (string | number)[] }).lines = lines; // the parsed line is ours: now a RecordLine
  if (agent !== undefined) bases.set(agent, { id: line.id, lines });
  return true;
}

/** A copy of `value` with every string passed through `redact`. */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact)]));
  return value;
}

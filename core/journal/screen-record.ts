// The night's screen record (`screens.jsonl.gz` beside the journal): each distinct screen an agent showed, kept once,
// the times each agent's screen changed, and the hook requests agents made. Redacted before it is written, capped in
// size; `nightshift replay` feeds it back through the runner (core/replay). Written as one gzip member per flush (a
// tick), so a runner killed mid-night loses at most the last tick and a resumed night appends.
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

/** One line of the record. */
export type RecordLine =
  /** a distinct screen, once per night: `id` names it, `h` is the hash the journal's `screenHash` uses */
  | { readonly k: 'screen'; readonly id: string; readonly h: string; readonly s: RecordedScreen }
  /** agent `a` (pane `p`) showed screen `id` from `t` on */
  | { readonly k: 'seen'; readonly a: string; readonly p: string; readonly id: string; readonly t: string }
  /** agent `a`'s hook asked the runner `req` (a HookRequest) at `t` */
  | { readonly k: 'hook'; readonly a: string; readonly t: string; readonly req: unknown }
  /** the size cap was reached at `t`: nothing after it was recorded */
  | { readonly k: 'cap'; readonly t: string; readonly maxMB: number };

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
      await streamScreenRecord(file, (line) => {
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
      const s: RecordedScreen = {
        lines: this.#o.redact.lines(raw.lines),
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
      this.#push({ k: 'screen', id, h, s });
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

  #push(line: RecordLine): void {
    this.#pending.push(JSON.stringify(line));
  }
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
  const rows = new Map<string, string>();
  const intern = (row: string) => {
    const known = rows.get(row);
    if (known !== undefined) return known;
    rows.set(row, row);
    return row;
  };
  const { damaged } = await streamScreenRecord(file, (line) => {
    if (line.k === 'screen') (line.s as { lines: readonly string[] }).lines = line.s.lines.map(intern);
    lines.push(line);
  });
  return { lines, damaged };
}

/**
 * Calls `onLine` with each line of a record, in order, decompressing as it goes (a record can be far larger
 * unpacked than a string may be). `damaged`: an unreadable line or a corrupt tail was skipped.
 */
export async function streamScreenRecord(
  file: string,
  onLine: (line: RecordLine) => void,
): Promise<{ damaged: boolean }> {
  let damaged = false;
  let rest = '';
  const take = (row: string) => {
    if (!row) return;
    try {
      onLine(JSON.parse(row) as RecordLine);
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

/** A copy of `value` with every string passed through `redact`. */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact)]));
  return value;
}

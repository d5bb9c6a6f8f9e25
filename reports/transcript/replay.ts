import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import xterm from '@xterm/headless';
import { Harvester, joinedRows } from './harvester.js';
import { RedrawFilter } from './redraw-filter.js';
import type { FinalScreen, ReplayOptions, ReplayResult, SizeChange, TranscriptLine } from './types.js';

const { Terminal } = xterm;
type Term = InstanceType<typeof Terminal>;

const DEFAULT_CHUNK = 256 * 1024;
/** History kept inside the emulator: lines are harvested as they scroll, so a little suffices. */
const SCROLLBACK = 200;

/**
 * Replays a raw pane log (pipe-pane bytes) through a headless terminal, streaming: each chunk is
 * written and awaited before the next is read, so memory stays flat for any log size.
 * Calls `onLine` with every transcript line in order; returns the final screen.
 */
export async function replayLog(
  file: string,
  options: ReplayOptions,
  onLine: (line: TranscriptLine) => void,
): Promise<ReplayResult> {
  const chunk = options.chunkBytes ?? DEFAULT_CHUNK;
  if (file.endsWith('.gz')) {
    // a log retention compressed (retention.compressAfter): replayed whole, from its first byte
    const input = createReadStream(file, { highWaterMark: chunk });
    const gunzip = createGunzip({ chunkSize: chunk });
    input.on('error', (error) => gunzip.destroy(error));
    return replayStream(input.pipe(gunzip) as AsyncIterable<Uint8Array>, { ...options, from: 0 }, onLine);
  }
  const stream = createReadStream(file, { start: options.from ?? 0, highWaterMark: chunk });
  return replayStream(stream as AsyncIterable<Uint8Array>, options, onLine);
}

/** Like replayLog, for bytes from any source (tests, generated logs). Offsets count from `options.from`. */
export async function replayStream(
  source: AsyncIterable<Uint8Array | string>,
  options: ReplayOptions,
  onLine: (line: TranscriptLine) => void,
): Promise<ReplayResult> {
  const terminal: Term = new Terminal({
    cols: options.size.cols,
    rows: options.size.rows,
    scrollback: SCROLLBACK,
    allowProposedApi: true,
  });
  const filter = new RedrawFilter(onLine, { window: options.dedupeWindow ?? 2000 });
  const harvester = new Harvester(terminal, filter);
  let title = '';
  const titleSub = terminal.onTitleChange((t) => (title = t));
  const resizes = [...(options.resizes ?? [])].sort((a, b) => a.offset - b.offset);
  let offset = options.from ?? 0;
  const cuts = [...(options.cuts ?? [])].filter((c) => c > offset).sort((a, b) => a - b);
  let cut = 0;
  try {
    for await (const raw of source) {
      options.signal?.throwIfAborted();
      let data = typeof raw === 'string' ? Buffer.from(raw) : raw;
      // split the chunk at cuts and resizes; pieces up to a resize are written together and awaited once
      let batch: { data: Uint8Array; end: number }[] = [];
      while (data.length > 0) {
        const next = resizes[0];
        if (next && next.offset <= offset) {
          await writeBatch(terminal, harvester, batch);
          batch = [];
          resize(terminal, resizes.shift()!);
          continue;
        }
        while (cut < cuts.length && cuts[cut]! <= offset) cut++;
        let take = next && next.offset < offset + data.length ? next.offset - offset : data.length;
        const at = cuts[cut];
        if (at !== undefined && at - offset < take) take = at - offset;
        const piece = data.subarray(0, take);
        data = data.subarray(take);
        offset += piece.length;
        batch.push({ data: piece, end: offset });
      }
      await writeBatch(terminal, harvester, batch);
    }
    harvester.finish();
    return { screen: finalScreen(terminal, title), bytes: offset - (options.from ?? 0), lines: filter.count };
  } finally {
    titleSub.dispose();
    harvester.dispose();
    terminal.dispose();
  }
}

/**
 * Writes pieces back to back and waits for the last one (flow control without a round trip per
 * piece). xterm calls each piece's callback right after parsing it, before the next piece, so the
 * harvester always knows which piece, and so which offset, the parser is in.
 */
function writeBatch(
  terminal: Term,
  harvester: Harvester,
  batch: readonly { data: Uint8Array; end: number }[],
): Promise<void> {
  if (batch.length === 0) return Promise.resolve();
  harvester.offset = batch[0]!.end;
  return new Promise((resolve) => {
    batch.forEach((piece, i) => {
      const next = batch[i + 1];
      terminal.write(piece.data, next ? () => (harvester.offset = next.end) : resolve);
    });
  });
}

function resize(terminal: Term, change: SizeChange): void {
  if (change.cols === terminal.cols && change.rows === terminal.rows) return;
  terminal.resize(change.cols, change.rows);
}

/** The visible rows of the active buffer, as `capture-pane -p` would print them. */
function finalScreen(terminal: Term, title: string): FinalScreen {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let y = buffer.baseY; y < buffer.baseY + terminal.rows; y++)
    lines.push((buffer.getLine(y)?.translateToString(true) ?? '').trimEnd());
  return {
    cols: terminal.cols,
    rows: terminal.rows,
    lines,
    cursor: { x: buffer.cursorX, y: buffer.cursorY },
    alternate: buffer.type === 'alternate',
    title,
  };
}

export { joinedRows };

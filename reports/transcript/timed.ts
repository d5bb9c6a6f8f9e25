// The clean transcript of a pane log: replayed through the headless terminal, each line redacted and placed in time.
// The report's transcript tail and `nightshift logs` both read it from here, so they print the same text.
import { lineRedactor } from '../redact.js';
import { replayLog, replayStream } from './replay.js';
import { timeAtOffset, type OffsetMark } from './timing.js';
import type { PaneSize, ReplayResult, SizeChange, TranscriptLine } from './types.js';

/** A transcript line placed in time (when the journal has offset marks). */
export interface TimedLine {
  readonly text: string;
  readonly at: Date | undefined;
  readonly source: TranscriptLine['source'];
}

export interface TimedReplayOptions {
  readonly size: PaneSize;
  readonly resizes?: readonly SizeChange[];
  readonly marks?: readonly OffsetMark[];
  /** start reading at this byte; default 0 */
  readonly from?: number;
  /** literal secrets to redact as well (values pulled from the environment) */
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
}

/** Replays `source` (a log file, or a stream of its bytes such as a followed file) and hands out redacted, timed lines. */
export async function replayTimed(
  source: string | AsyncIterable<Uint8Array | string>,
  options: TimedReplayOptions,
  onLine: (line: TimedLine) => void,
): Promise<ReplayResult> {
  const clean = lineRedactor(options.secrets);
  const marks = options.marks ?? [];
  const replay = {
    size: options.size,
    resizes: options.resizes ?? [],
    cuts: marks.map((m) => m.offset),
    from: options.from ?? 0,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const timed = (line: TranscriptLine) =>
    onLine({ text: clean(line.text), at: timeAtOffset(marks, line.offset), source: line.source });
  const result =
    typeof source === 'string'
      ? await replayLog(source, replay, timed)
      : await replayStream(source, replay, timed);
  const cleanScreen = lineRedactor(options.secrets);
  return {
    ...result,
    screen: {
      ...result.screen,
      lines: result.screen.lines.map((l) => cleanScreen(l)),
      title: cleanScreen(result.screen.title),
    },
  };
}

/** Drops a blank line that follows a blank line (or starts the transcript): how the report prints a transcript. */
export function collapseBlankRuns(onLine: (line: TimedLine) => void): (line: TimedLine) => void {
  let previousBlank = true;
  return (line) => {
    const blank = line.text === '';
    if (blank && previousBlank) return;
    previousBlank = blank;
    onLine(line);
  };
}

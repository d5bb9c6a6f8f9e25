// Transcripts from raw pane logs: replay through a headless terminal, harvest what scrolled by.
export type * from './types.js';
export { replayLog, replayStream } from './replay.js';
export { offsetMarks, timeAtOffset, type OffsetMark } from './timing.js';
export {
  summarizeTranscript,
  isErrorLine,
  type TranscriptSummary,
  type TimedLine,
  type ErrorExcerpt,
  type SummarizeOptions,
} from './summarize.js';
export { lineShape } from './redraw-filter.js';
export { replayTimed, collapseBlankRuns, type TimedReplayOptions } from './timed.js';
export { readLogCut, type LogCut } from './log-cut.js';
export { createTranscriptPool, type TranscriptPool, type TranscriptPoolOptions } from './pool.js';

// The shapes a replayed pane log turns into.

/** How a transcript line was obtained. */
export type TranscriptSource =
  /** it scrolled off the top of the screen into history: exactly what tmux's history holds */
  | 'scroll'
  /** it was on screen when the program cleared the screen (tmux's scroll-on-clear keeps these too) */
  | 'clear'
  /** the last frame of a full-screen (alternate screen) program, kept when it left */
  | 'alternate'
  /** a note from the replay itself, e.g. that a full-screen program ran */
  | 'marker';

/** One line of what scrolled by, wrapped rows joined, trailing spaces trimmed. */
export interface TranscriptLine {
  readonly text: string;
  /** byte offset in the log by which the line was finished (the write that moved the cursor off it); place it in time with the offset marks */
  readonly offset: number;
  readonly source: TranscriptSource;
}

/** A pane's size in character cells. */
export interface PaneSize {
  readonly cols: number;
  readonly rows: number;
}

/** The pane was resized when the log reached `offset` (e.g. the agent restarted in a new window). */
export interface SizeChange extends PaneSize {
  readonly offset: number;
}

/** The screen as the log left it. */
export interface FinalScreen extends PaneSize {
  /** one string per row, trailing spaces trimmed (like `capture-pane -p`) */
  readonly lines: readonly string[];
  readonly cursor: { readonly x: number; readonly y: number };
  /** a full-screen program was on the alternate screen */
  readonly alternate: boolean;
  /** the last window title the program set, or '' */
  readonly title: string;
}

/** How to replay a log. */
export interface ReplayOptions {
  /** the pane's size when the log starts (from the journal's `agent-started`) */
  readonly size: PaneSize;
  /** later size changes, by log offset */
  readonly resizes?: readonly SizeChange[];
  /** bytes per awaited write; default 256 KiB */
  readonly chunkBytes?: number;
  /** offsets to end a write at (the journal's offset marks), so each line's offset is exact to a mark */
  readonly cuts?: readonly number[];
  /** start reading at this byte (replaying the tail of a huge log); default 0 */
  readonly from?: number;
  /** how many recent lines redraws are compared with; default 2000 */
  readonly dedupeWindow?: number;
  /** stops the replay between chunks */
  readonly signal?: AbortSignal;
}

/** What a replay returns besides the lines it streamed out. */
export interface ReplayResult {
  readonly screen: FinalScreen;
  /** bytes replayed */
  readonly bytes: number;
  /** transcript lines emitted */
  readonly lines: number;
}

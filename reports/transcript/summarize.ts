import { statSync } from 'node:fs';
import { collapseBlankRuns, replayTimed, type TimedLine } from './timed.js';
import type { OffsetMark } from './timing.js';
import type { FinalScreen, PaneSize, SizeChange } from './types.js';

export type { TimedLine } from './timed.js';

/** An error line with the lines around it. */
export interface ErrorExcerpt {
  readonly line: string;
  readonly at: Date | undefined;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** What the report needs from one agent's log, everything redacted. Memory is bounded by the options, not the log. */
export interface TranscriptSummary {
  readonly tail: readonly TimedLine[];
  readonly errors: readonly ErrorExcerpt[];
  readonly screen: FinalScreen;
  /** transcript lines in the whole replay */
  readonly lines: number;
  readonly bytes: number;
  /** e.g. that only the end of a huge log was replayed */
  readonly warnings: readonly string[];
}

export interface SummarizeOptions {
  readonly size: PaneSize;
  readonly resizes?: readonly SizeChange[];
  readonly marks?: readonly OffsetMark[];
  /** lines of tail kept; default 40 */
  readonly tailLines?: number;
  /** error excerpts kept (the last ones); default 5 */
  readonly maxErrors?: number;
  /** lines of context on each side of an error; default 3 */
  readonly context?: number;
  /** replay at most this many bytes from the end of the log; default 256 MiB */
  readonly maxBytes?: number;
  /** literal secrets to redact as well (values pulled from the environment) */
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
}

/** Lines that report a failure. Counts of zero ("0 errors", "no errors") do not. */
const ERROR_LINE =
  /\b(?:error|errors|failed|failure|fatal|panic|exception|traceback|segmentation fault)\b|✗|✘|\bERR!/i;
const NOT_ERROR = /\b(?:0|no|zero|without)\s+(?:errors?|failures?|failed)\b/i;

/** Whether a transcript line reports an error. */
export function isErrorLine(text: string): boolean {
  return ERROR_LINE.test(text) && !NOT_ERROR.test(text);
}

/** Replays an agent's log and keeps its tail, its last errors in context and its final screen, redacted. */
export async function summarizeTranscript(
  file: string,
  options: SummarizeOptions,
): Promise<TranscriptSummary> {
  const tailSize = options.tailLines ?? 40;
  const maxErrors = options.maxErrors ?? 5;
  const context = options.context ?? 3;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const warnings: string[] = [];
  const size = statSync(file).size;
  const from = size > maxBytes ? size - maxBytes : 0;
  if (from > 0) warnings.push(`the log is ${mib(size)}; only its last ${mib(maxBytes)} was replayed`);

  const tail: TimedLine[] = [];
  const recent: string[] = [];
  const errors: ErrorExcerpt[] = [];
  const open: { excerpt: ErrorExcerpt; after: string[] }[] = [];
  const seenErrors = new Set<string>();

  // the tail, with blank runs collapsed
  const toTail = collapseBlankRuns((line) => {
    tail.push(line);
    if (tail.length > tailSize) tail.shift();
  });
  const onLine = (line: TimedLine) => {
    const { text, at } = line;
    toTail(line);
    for (const o of open) if (o.after.length < context) o.after.push(text);
    while (open.length > 0 && open[0]!.after.length >= context) open.shift();
    if (line.source !== 'marker' && isErrorLine(text) && !seenErrors.has(text)) {
      if (seenErrors.size > 10_000) seenErrors.clear();
      seenErrors.add(text);
      const after: string[] = [];
      const excerpt: ErrorExcerpt = { line: text, at, before: recent.slice(-context), after };
      errors.push(excerpt);
      if (errors.length > maxErrors) errors.shift();
      open.push({ excerpt, after });
    }
    recent.push(text);
    if (recent.length > context) recent.shift();
  };

  const result = await replayTimed(
    file,
    {
      size: options.size,
      resizes: options.resizes ?? [],
      marks: options.marks ?? [],
      from,
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    onLine,
  );
  const screen = result.screen;
  return { tail, errors, screen, lines: result.lines, bytes: result.bytes, warnings };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

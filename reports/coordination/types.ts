// What the agents' own records say: the coordination file (markdown) and the status log.

/** Statuses of the status log; anything else is kept as written. */
export type KnownStatus = 'START' | 'DONE' | 'WAIT' | 'ERROR' | 'HELP' | 'SKIP';

/** One entry of the coordination file: `## [2026-04-11 01:14] Orpheus → Prometheus` and its `Key: value` lines. */
export interface CoordinationEntry {
  readonly at: Date;
  /** the heading's time as written */
  readonly written: string;
  readonly from: string;
  readonly to: string;
  /** upper-cased, e.g. `DONE`, `WAIT`; undefined when the entry has no Status line */
  readonly status: string | undefined;
  readonly task: string | undefined;
  readonly output: string | undefined;
  readonly notes: string | undefined;
  /** every `Key: value` of the entry, keys lower-cased (unknown keys kept) */
  readonly fields: Readonly<Record<string, string>>;
  /** 1-based line of the heading */
  readonly line: number;
}

/** Something in an input file that is not what it should be; reported, never fatal. */
export interface Malformed {
  readonly line: number;
  readonly text: string;
  readonly problem: string;
}

/** One line of the status log: `[08:15:30] [0:1] [START] Starting data-service code audit`. */
export interface StatusLine {
  /** the date is inferred (the log has times only) */
  readonly at: Date;
  /** the bracketed source, e.g. `0:1` (session:window) */
  readonly tag: string;
  /** upper-cased; one of KnownStatus, or whatever was written */
  readonly status: string;
  readonly text: string;
  readonly line: number;
}

/** A parsed input: the night's items, what was malformed, and warnings about the file itself. */
export interface Parsed<T> {
  readonly items: readonly T[];
  readonly malformed: readonly Malformed[];
  readonly warnings: readonly string[];
}

// A pane log past its cap (logs.maxMB) keeps its start, a marker, and the latest output; the marker sits within the
// first few MiB. Keep the pattern in step with core/logs/pane-writer.mjs.
import { closeSync, openSync, readSync } from 'node:fs';

/** Where a capped log was cut, and how much was left out. */
export interface LogCut {
  /** byte offset of the marker in the log: the start of the log is kept up to here */
  readonly offset: number;
  /** byte offset where the kept latest output begins, right after the marker */
  readonly resume: number;
  /** when output was first left out */
  readonly since: Date;
  /** bytes left out in all */
  readonly bytes: number;
}

const MARKER = /\[nightshift: log cut at (\S+); +(\d+) bytes left out here/;
/** the writer keeps at most 2 MiB of head before the marker */
const SEARCH = 2 * 1024 * 1024 + 1024;

/** The cut in a pane log, if it was cut; undefined for a whole log (or one that cannot be read). */
export function readLogCut(file: string): LogCut | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(SEARCH);
    const n = readSync(fd, buffer, 0, SEARCH, 0);
    const text = buffer.subarray(0, n).toString('latin1');
    const m = MARKER.exec(text);
    if (!m) return undefined;
    const end = text.indexOf(']\r\n', m.index);
    return {
      offset: text.lastIndexOf('\r\n', m.index),
      resume: end + 3,
      since: new Date(m[1]!),
      bytes: Number(m[2]),
    };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

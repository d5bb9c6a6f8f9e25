// nightshift.log as a pino destination that a full disk cannot break: lines that find no space are dropped and
// counted, and the first line written after says how many.
import { closeSync, writeSync } from 'node:fs';
import { isDiskFull } from './disk-full.js';
import { openPrivate } from './private.js';

/** A synchronous append-only line sink (pino's `DestinationStream`). */
export interface LogFileStream {
  write(line: string): void;
  /** lines dropped for lack of space and not yet reported */
  readonly dropped: number;
  close(): void;
}

/** Opens `file` for appending, 0600. Writes never throw for lack of space; other errors still do. */
export function openLogFile(file: string): LogFileStream {
  let fd: number | undefined = openPrivate(file, 'a');
  let dropped = 0;
  const append = (text: string) => {
    const data = Buffer.from(text);
    let done = 0;
    while (done < data.length) done += writeSync(fd!, data, done);
  };
  return {
    write(line) {
      if (fd === undefined) return;
      try {
        if (dropped) {
          append(
            `${JSON.stringify({ level: 40, time: Date.now(), msg: `${dropped} log lines were dropped: the disk was full` })}\n`,
          );
          dropped = 0;
        }
        append(line);
      } catch (error) {
        if (!isDiskFull(error)) throw error;
        dropped++;
      }
    },
    get dropped() {
      return dropped;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

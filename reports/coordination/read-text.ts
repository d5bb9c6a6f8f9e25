import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** A text file read for the report: its text (possibly only the end), when it last changed, and what went wrong. */
export interface TextRead {
  readonly text: string;
  readonly mtime: Date | undefined;
  readonly warnings: readonly string[];
}

/** Default cap on what is read of an input file. */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;

/** Bytes that do not occur in text files: NUL, and control characters other than tab, newline, CR, escape, form feed. */
function looksBinary(sample: Buffer): boolean {
  if (sample.length === 0) return false;
  let odd = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b && b !== 0x0c) odd++;
  }
  return odd / sample.length > 0.1;
}

/**
 * Reads a text file the agents write (coordination file, status log) defensively: a missing file,
 * a binary file or an unreadable one gives a warning and no text; a huge one gives its last
 * `maxBytes` (starting at a line) and a warning. Never throws.
 */
export function readTextFile(file: string, label: string, maxBytes = MAX_TEXT_BYTES): TextRead {
  if (!existsSync(file)) return { text: '', mtime: undefined, warnings: [`${label} ${file} does not exist`] };
  let fd: number | undefined;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { text: '', mtime: undefined, warnings: [`${label} ${file} is not a file`] };
    fd = openSync(file, 'r');
    const length = Math.min(stat.size, maxBytes);
    const start = stat.size - length;
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, start);
    if (looksBinary(buffer.subarray(0, 8192))) {
      return {
        text: '',
        mtime: stat.mtime,
        warnings: [`${label} ${file} looks binary (${stat.size} bytes); skipped`],
      };
    }
    let text = buffer.toString('utf8');
    const warnings: string[] = [];
    if (start > 0) {
      const firstLine = text.indexOf('\n');
      text = firstLine >= 0 ? text.slice(firstLine + 1) : '';
      warnings.push(
        `${label} ${file} is ${Math.round(stat.size / 1024)} KiB; only its last ${Math.round(maxBytes / 1024)} KiB were read`,
      );
    }
    return { text, mtime: stat.mtime, warnings };
  } catch (error) {
    return {
      text: '',
      mtime: undefined,
      warnings: [
        `${label} ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

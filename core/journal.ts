import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { JournalEvent, NewJournalEvent } from './journal-events.js';

export type * from './journal-events.js';

/** The night's append-only event log. Each event is written with one write(2), so a crash tears at most the last line. */
export class Journal {
  readonly file: string;
  #fd: number | undefined;
  readonly #now: () => Date;
  readonly #listeners = new Set<(event: JournalEvent) => void>();

  constructor(file: string, options: { now?: () => Date } = {}) {
    this.file = file;
    this.#now = options.now ?? (() => new Date());
    this.#fd = openSync(file, 'a+');
    this.#endTornLine(this.#fd);
  }

  /** After a crash the last line may be torn; start the next event on a fresh line so only that line is lost. */
  #endTornLine(fd: number): void {
    const size = fstatSync(fd).size;
    if (size === 0) return;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] !== 0x0a) writeSync(fd, '\n');
  }

  /** Appends one event, stamped with the current time; returns the stamped event. */
  append(event: NewJournalEvent): JournalEvent {
    const stamped = { t: this.#now().toISOString(), ...event } as JournalEvent;
    if (this.#fd === undefined) throw new Error(`journal ${this.file} is closed`);
    writeSync(this.#fd, JSON.stringify(stamped) + '\n');
    for (const listener of this.#listeners) listener(stamped);
    return stamped;
  }

  /** Calls `listener` for every event appended from now on; returns a function that stops it. */
  subscribe(listener: (event: JournalEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the file; later appends throw. Safe to call twice. */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** What reading a journal found: the events, and a warning per line that could not be read. */
export interface JournalRead {
  readonly events: JournalEvent[];
  readonly warnings: string[];
}

/** Reads a journal; torn or malformed lines are skipped with a warning, never thrown. */
export function readJournal(file: string): JournalRead {
  if (!existsSync(file)) return { events: [], warnings: [`journal ${file} does not exist`] };
  return parseJournal(readFileSync(file, 'utf8'), file);
}

/** Parses journal text (see readJournal). */
export function parseJournal(text: string, name = 'journal'): JournalRead {
  const events: JournalEvent[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && 'type' in value && 't' in value)
        events.push(value as JournalEvent);
      else warnings.push(`${name}:${i + 1}: not a journal event, skipped`);
    } catch {
      const torn = i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '');
      warnings.push(
        `${name}:${i + 1}: ${torn ? 'torn last line (the runner stopped mid-write), skipped' : 'malformed line, skipped'}`,
      );
    }
  });
  return { events, warnings };
}

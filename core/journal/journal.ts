import { closeSync, existsSync, fstatSync, readFileSync, readSync, writeSync } from 'node:fs';
import { isDiskFull } from '../files/disk-full.js';
import { openPrivate } from '../files/private.js';
import type { JournalEvent, NewJournalEvent } from './events.js';

export type * from './events.js';

/** When the journal could not be written for lack of space, and when it could again. */
export type SpaceChange =
  | { readonly state: 'full'; readonly since: Date; readonly detail: string }
  | { readonly state: 'recovered'; readonly since: Date; readonly at: Date; readonly lost: number };

export interface JournalOptions {
  readonly now?: () => Date;
  /** told when a write first fails for lack of space, and when the backlog is on disk again */
  readonly onSpace?: (change: SpaceChange) => void;
  /** events kept in memory while the disk is full (default 10 000); older ones beyond it are lost and counted */
  readonly backlog?: number;
}

const DEFAULT_BACKLOG = 10_000;

/**
 * The night's append-only event log. Each event is written with one write(2), so a crash tears at most the last line.
 * A disk that is full does not stop the night: events wait in memory (in order, with the time they happened) and are
 * written as soon as there is space again; `append` reports whether the event is on disk, so the actuator can refuse
 * to send what it could not journal first.
 */
export class Journal {
  readonly file: string;
  #fd: number | undefined;
  readonly #now: () => Date;
  readonly #listeners = new Set<(event: JournalEvent) => void>();
  readonly #onSpace: JournalOptions['onSpace'];
  readonly #limit: number;
  /** lines not yet on disk, oldest first */
  #backlog: string[] = [];
  #lost = 0;
  #fullSince: Date | undefined;
  /** a write stopped mid-line: the next one starts on a fresh line */
  #torn = false;

  constructor(file: string, options: JournalOptions = {}) {
    this.file = file;
    this.#now = options.now ?? (() => new Date());
    this.#onSpace = options.onSpace;
    this.#limit = options.backlog ?? DEFAULT_BACKLOG;
    this.#fd = openPrivate(file, 'a+');
    this.#endTornLine(this.#fd);
  }

  /** After a crash the last line may be torn; start the next event on a fresh line so only that line is lost. */
  #endTornLine(fd: number): void {
    const size = fstatSync(fd).size;
    if (size === 0) return;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] !== 0x0a) this.#torn = true;
  }

  /** Appends one event, stamped with the current time; returns the stamped event (kept in memory if the disk is full). */
  append(event: NewJournalEvent): JournalEvent {
    return this.#add(event).stamped;
  }

  /**
   * Writes one event now or not at all: true when it is on disk; false (and the event dropped, never written later)
   * when the disk is full. A send is journaled this way first, so the journal never claims a send that was not made.
   */
  record(event: NewJournalEvent): boolean {
    if (this.#fd === undefined) throw new Error(`journal ${this.file} is closed`);
    if (!this.#drain()) return false;
    const stamped = { t: this.#now().toISOString(), ...event } as JournalEvent;
    const error = this.#writeLine(JSON.stringify(stamped) + '\n');
    if (error) {
      if (!isDiskFull(error)) throw error;
      this.#noteFull(error);
      return false;
    }
    for (const listener of this.#listeners) listener(stamped);
    return true;
  }

  /** True while events wait in memory for space. */
  get full(): boolean {
    return this.#fullSince !== undefined;
  }

  /** Tries again to write what waits in memory; true when nothing waits any more. */
  retry(): boolean {
    if (this.#fd === undefined) return this.#backlog.length === 0;
    return this.#drain();
  }

  #add(event: NewJournalEvent): { stamped: JournalEvent; written: boolean } {
    const stamped = { t: this.#now().toISOString(), ...event } as JournalEvent;
    if (this.#fd === undefined) throw new Error(`journal ${this.file} is closed`);
    this.#backlog.push(JSON.stringify(stamped) + '\n');
    if (this.#backlog.length > this.#limit) {
      this.#backlog.shift();
      this.#lost++;
    }
    const written = this.#drain();
    for (const listener of this.#listeners) listener(stamped);
    return { stamped, written };
  }

  /** Writes the backlog in order; on lack of space keeps the rest and says so once. */
  #drain(): boolean {
    while (this.#backlog.length) {
      const line = this.#backlog[0]!;
      const error = this.#writeLine(line);
      if (error) {
        if (!isDiskFull(error)) throw error;
        this.#noteFull(error);
        return false;
      }
      this.#backlog.shift();
    }
    if (this.#fullSince) {
      const since = this.#fullSince;
      const lost = this.#lost;
      this.#fullSince = undefined;
      this.#lost = 0;
      this.#onSpace?.({ state: 'recovered', since, at: this.#now(), lost });
    }
    return true;
  }

  #noteFull(error: unknown): void {
    if (this.#fullSince) return;
    this.#fullSince = this.#now();
    this.#onSpace?.({ state: 'full', since: this.#fullSince, detail: (error as Error).message });
  }

  /** Writes one whole line (looping over short writes); returns the error instead of throwing. */
  #writeLine(line: string): unknown {
    const fd = this.#fd!;
    try {
      if (this.#torn) {
        writeAll(fd, Buffer.from('\n'));
        this.#torn = false;
      }
    } catch (error) {
      return error;
    }
    const data = Buffer.from(line);
    let done = 0;
    try {
      while (done < data.length) done += writeSync(fd, data, done);
      return undefined;
    } catch (error) {
      if (done > 0) this.#torn = true;
      return error;
    }
  }

  /** Calls `listener` for every event appended from now on; returns a function that stops it. */
  subscribe(listener: (event: JournalEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the file (writing what waits, if it can); later appends throw. Returns how many events never reached disk. */
  close(): number {
    if (this.#fd === undefined) return 0;
    let unwritten = 0;
    try {
      if (!this.#drain()) unwritten = this.#backlog.length + this.#lost;
    } finally {
      closeSync(this.#fd);
      this.#fd = undefined;
    }
    return unwritten;
  }
}

function writeAll(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done);
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

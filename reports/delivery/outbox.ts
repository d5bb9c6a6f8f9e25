import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from '../../core/files/private.js';
import type { SendFailureKind } from './classify-error.js';
import type { OutboxMessage } from './message.js';
import type { Sender } from './smtp-send.js';

/** Where an outbox item stands. */
export type OutboxState =
  /** waiting for its next attempt */
  | 'pending'
  /** an attempt is under way (or the process died during one: it is tried again, same Message-ID) */
  | 'sending'
  | 'sent'
  /** 5xx or a config problem: not retried */
  | 'failed'
  /** the deadline passed before it could be sent */
  | 'expired';

/** One try at sending. */
export interface OutboxAttempt {
  readonly at: string;
  readonly ok: boolean;
  /** `sent`, or why it failed */
  readonly kind: 'sent' | SendFailureKind;
  readonly detail: string;
  readonly responseCode?: number | undefined;
}

/** A delivery waiting in `<stateDir>/outbox/<id>.json`. */
export interface OutboxItem {
  readonly version: 1;
  readonly id: string;
  readonly night: string;
  /** the night's run directory (its journal records every attempt) */
  readonly runDir: string;
  readonly channel: 'email';
  readonly createdAt: string;
  readonly deadline: string;
  readonly state: OutboxState;
  readonly nextAttemptAt: string;
  readonly attempts: readonly OutboxAttempt[];
  readonly message: OutboxMessage;
}

/** The outbox id of a night's report to a list of recipients: one entry per night and recipient list. */
export function deliveryId(night: string, to: readonly string[]): string {
  const who = [...to]
    .map((a) => a.trim().toLowerCase())
    .sort()
    .join(',');
  return `${night}-${createHash('sha256').update(who).digest('hex').slice(0, 8)}`;
}

/** Minutes to wait after the 1st, 2nd, … failed attempt; then every 30 minutes. */
export const BACKOFF_MINUTES: readonly number[] = [1, 2, 5, 10, 20, 30];

/** What one flush did to one item. */
export interface FlushResult {
  readonly id: string;
  readonly state: OutboxState;
  readonly attempt: OutboxAttempt | undefined;
  readonly item: OutboxItem;
}

export interface OutboxOptions {
  /** sends one message; built from the current config so no credentials are stored */
  readonly send: Sender;
  readonly now?: () => Date;
  /** 0..1, for the ±10 % jitter of the backoff */
  readonly random?: () => number;
  /** called after every attempt (journal it) */
  readonly onAttempt?: (item: OutboxItem, attempt: OutboxAttempt) => void;
}

/** A lock older than this belonged to a process that died. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Deliveries not yet sent, one JSON file per message, written atomically (temp file + rename).
 * `flush()` sends every due item once; a per-item lock file keeps two processes (the daemon and
 * `nightshift report --send`) from sending the same message twice, and the stored Message-ID
 * stays the same across retries.
 */
export class Outbox {
  readonly dir: string;
  readonly #o: OutboxOptions;
  #flushing: Promise<FlushResult[]> | undefined;

  constructor(dir: string, options: OutboxOptions) {
    this.dir = dir;
    this.#o = options;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  /**
   * Stores a message for delivery; it is due at once. The id defaults to one per night and recipient
   * list, so queuing the same night's report again replaces the waiting one instead of adding a second.
   */
  enqueue(input: {
    night: string;
    runDir: string;
    message: OutboxMessage;
    deadline: Date;
    id?: string;
  }): OutboxItem {
    mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR });
    const now = this.#now();
    const id = input.id ?? deliveryId(input.night, input.message.to);
    const item: OutboxItem = {
      version: 1,
      id,
      night: input.night,
      runDir: input.runDir,
      channel: 'email',
      createdAt: now.toISOString(),
      deadline: input.deadline.toISOString(),
      state: 'pending',
      nextAttemptAt: now.toISOString(),
      attempts: [],
      message: input.message,
    };
    this.#write(item);
    return item;
  }

  /** Every item on disk (unreadable files are skipped). */
  list(): OutboxItem[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => this.get(f.slice(0, -'.json'.length)))
      .filter((i): i is OutboxItem => i !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** One item, or undefined. */
  get(id: string): OutboxItem | undefined {
    try {
      return JSON.parse(readFileSync(this.#file(id), 'utf8')) as OutboxItem;
    } catch {
      return undefined;
    }
  }

  /**
   * Points waiting deliveries at the current recipients: an item that is pending, or failed for good, and
   * addressed differently is rebuilt with `to` and `from` and queued afresh under its new id (a newer item
   * for the same night and recipients wins). Fixing `report.email` in the config thus repairs queued mail.
   */
  retarget(to: readonly string[], from: string, deadline: Date): OutboxItem[] {
    const rebuilt: OutboxItem[] = [];
    const same = (a: readonly string[], b: readonly string[]) => deliveryId('', a) === deliveryId('', b);
    for (const item of this.list()) {
      if (item.state !== 'pending' && item.state !== 'failed' && item.state !== 'expired') continue;
      if (same(item.message.to, to) && item.message.from === from) continue;
      const release = this.#lock(item.id);
      if (!release) continue;
      try {
        const id = deliveryId(item.night, to);
        if (id !== item.id && this.get(id)) {
          rmSync(this.#file(item.id), { force: true });
          continue;
        }
        const message = { ...item.message, to: [...to], from };
        if (id !== item.id) rmSync(this.#file(item.id), { force: true });
        rebuilt.push(this.enqueue({ night: item.night, runDir: item.runDir, message, deadline, id }));
      } finally {
        release();
      }
    }
    return rebuilt;
  }

  /** When the next pending item is due, if any (for the daemon's timer). */
  nextDue(): Date | undefined {
    const due = this.list()
      .filter((i) => i.state === 'pending' || i.state === 'sending')
      .map((i) => Date.parse(i.nextAttemptAt));
    return due.length ? new Date(Math.min(...due)) : undefined;
  }

  /** Sends every due item once (or only `ids`); concurrent calls share one run. */
  flush(options: { ids?: readonly string[] } = {}): Promise<FlushResult[]> {
    if (this.#flushing) return this.#flushing;
    this.#flushing = this.#flush(options.ids).finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #flush(ids: readonly string[] | undefined): Promise<FlushResult[]> {
    const results: FlushResult[] = [];
    for (const listed of this.list()) {
      if (ids && !ids.includes(listed.id)) continue;
      if (listed.state !== 'pending' && listed.state !== 'sending') continue;
      const release = this.#lock(listed.id);
      if (!release) continue;
      try {
        const item = this.get(listed.id);
        if (!item || (item.state !== 'pending' && item.state !== 'sending')) continue;
        results.push(await this.#attempt(item));
      } finally {
        release();
      }
    }
    return results;
  }

  /** One attempt on one item, under its lock. */
  async #attempt(item: OutboxItem): Promise<FlushResult> {
    const now = this.#now();
    if (now.getTime() > Date.parse(item.deadline)) {
      const expired = { ...item, state: 'expired' as const };
      this.#write(expired);
      return { id: item.id, state: 'expired', attempt: undefined, item: expired };
    }
    if (now.getTime() < Date.parse(item.nextAttemptAt))
      return { id: item.id, state: item.state, attempt: undefined, item };
    this.#write({ ...item, state: 'sending' });
    const outcome = await this.#o.send(item.message);
    const at = this.#now();
    const attempt: OutboxAttempt = outcome.ok
      ? { at: at.toISOString(), ok: true, kind: 'sent', detail: outcome.response }
      : {
          at: at.toISOString(),
          ok: false,
          kind: outcome.kind,
          detail: outcome.detail,
          responseCode: outcome.responseCode,
        };
    const attempts = [...item.attempts, attempt];
    let next: OutboxItem;
    if (outcome.ok) next = { ...item, attempts, state: 'sent' };
    else if (outcome.kind !== 'transient') next = { ...item, attempts, state: 'failed' };
    else {
      const retryAt = new Date(at.getTime() + this.#backoff(attempts.length));
      next =
        retryAt.getTime() > Date.parse(item.deadline)
          ? { ...item, attempts, state: 'expired' }
          : { ...item, attempts, state: 'pending', nextAttemptAt: retryAt.toISOString() };
    }
    this.#write(next);
    this.#o.onAttempt?.(next, attempt);
    return { id: item.id, state: next.state, attempt, item: next };
  }

  /** Milliseconds to wait after `failures` failed attempts, ±10 % jitter. */
  #backoff(failures: number): number {
    const minutes = BACKOFF_MINUTES[Math.min(failures, BACKOFF_MINUTES.length) - 1] ?? 30;
    const jitter = 1 + ((this.#o.random?.() ?? Math.random()) - 0.5) * 0.2;
    return Math.round(minutes * 60_000 * jitter);
  }

  #file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Writes an item atomically: a reader sees the old or the new file, never half of one. */
  #write(item: OutboxItem): void {
    const tmp = join(this.dir, `.${item.id}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`);
    writeFileSync(tmp, JSON.stringify(item, null, 2), { mode: PRIVATE_FILE });
    renameSync(tmp, this.#file(item.id));
  }

  /** Takes the item's lock (exclusive create); breaks a stale one; undefined if another process holds it. */
  #lock(id: string): (() => void) | undefined {
    const file = join(this.dir, `${id}.lock`);
    for (let i = 0; i < 2; i++) {
      try {
        const fd = openSync(file, 'wx', PRIVATE_FILE);
        writeFileSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
        closeSync(fd);
        return () => {
          try {
            unlinkSync(file);
          } catch {
            // already gone
          }
        };
      } catch {
        try {
          if (Date.now() - statSync(file).mtimeMs < STALE_LOCK_MS) return undefined;
          unlinkSync(file);
        } catch {
          return undefined;
        }
      }
    }
    return undefined;
  }
}

// The node's own journal: what it did on its host (sends, refusals, link ups and downs), numbered, kept in its state
// dir, and replayed to the controller until the controller acknowledges it.
import { closeSync, existsSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, openPrivate, replacePrivateFile } from '../files/private.js';
import type { NodeEvent } from './protocol.js';

/** The outcome of a send request the node has seen: a request sent again after a reconnect gets it back. */
export type SendOutcome = 'sent' | 'refused' | 'unknown';

/** The node's journal file, its acknowledged position, and the send requests already handled. */
export class NodeJournal {
  readonly #file: string;
  readonly #ackFile: string;
  readonly #events: NodeEvent[] = [];
  readonly #sends = new Map<string, SendOutcome>();
  #acked = 0;

  constructor(stateDir: string) {
    const dir = join(stateDir, 'node');
    makePrivateDir(dir);
    this.#file = join(dir, 'journal.jsonl');
    this.#ackFile = join(dir, 'acked');
    if (existsSync(this.#file))
      for (const line of readFileSync(this.#file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.#remember(JSON.parse(line) as NodeEvent);
        } catch {
          // a line torn by a kill mid-write: the ones around it still count
        }
      }
    if (existsSync(this.#ackFile)) this.#acked = Number(readFileSync(this.#ackFile, 'utf8')) || 0;
  }

  /** the last sequence number written */
  get seq(): number {
    return this.#events.at(-1)?.seq ?? 0;
  }

  /** Appends one event (written through to disk before this returns). */
  append(event: Omit<NodeEvent, 'seq' | 't'>): NodeEvent {
    const full: NodeEvent = { seq: this.seq + 1, t: new Date().toISOString(), ...event };
    const fd = openPrivate(this.#file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(full)}\n`);
    } finally {
      closeSync(fd);
    }
    this.#remember(full);
    return full;
  }

  /** Events after `seq` that the controller has not acknowledged (at most `max`). */
  after(seq: number, max = 500): NodeEvent[] {
    const from = Math.max(seq, 0);
    return this.#events.filter((e) => e.seq > from).slice(0, max);
  }

  /** the controller's acknowledged position: a new link replays from here */
  get acked(): number {
    return this.#acked;
  }

  /** The controller has journaled everything up to `seq`. */
  ack(seq: number): void {
    if (seq <= this.#acked) return;
    this.#acked = Math.min(seq, this.seq);
    replacePrivateFile(this.#ackFile, String(this.#acked));
  }

  /** What became of a send request: undefined when the node never saw it. */
  sendOutcome(req: string): SendOutcome | undefined {
    return this.#sends.get(req);
  }

  #remember(event: NodeEvent): void {
    this.#events.push(event);
    if (!event.req) return;
    if (event.event === 'intent') this.#sends.set(event.req, 'unknown');
    else if (event.event === 'sent') this.#sends.set(event.req, 'sent');
    else if (event.event === 'refused') this.#sends.set(event.req, 'refused');
  }
}

// The control-mode (tmux -C) output protocol: byte stream in, command blocks and notifications out.

/** One `%begin … %end|%error` block: the answer to one command. `fromClient` is the guard's flags field (1 = ours). */
export interface ControlBlock {
  readonly kind: 'block';
  readonly time: string;
  readonly number: string;
  readonly fromClient: boolean;
  readonly ok: boolean;
  readonly lines: string[];
}

/** A line such as `%exit`, `%session-changed $0 work` or `%output %1 …`, outside any block. */
export interface ControlNotification {
  readonly kind: 'notification';
  /** without the `%`: `exit`, `sessions-changed`, `window-add` */
  readonly name: string;
  /** the rest of the line after the name and one space; `''` when none */
  readonly args: string;
}

/** What the parser emits. */
export type ControlMessage = ControlBlock | ControlNotification;

const BEGIN = /^%begin (\d+) (\d+) (\d+)$/;
const NOTIFICATION = /^%([a-z][a-z-]*)(?: (.*))?$/;

/**
 * Frames tmux's control-mode stdout into messages. Lines are split on LF at the byte level (so a UTF-8 character split
 * across chunks is reassembled) and decoded as UTF-8. Inside a block every line is output, even one that starts with
 * `%`: a block ends only at `%end`/`%error` carrying the same time, number and flags as its `%begin`, which is how tmux
 * keeps pane text such as `%end 1 2 1` from closing it early.
 */
export class ControlParser {
  #pending: Buffer[] = [];
  #open:
    { time: string; number: string; flags: string; end: string; error: string; lines: string[] } | undefined;

  /** Feeds a chunk of stdout; returns the messages it completed. */
  feed(chunk: Buffer): ControlMessage[] {
    const messages: ControlMessage[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      let line: string;
      if (this.#pending.length === 0) line = chunk.toString('utf8', start, nl);
      else {
        this.#pending.push(chunk.subarray(start, nl));
        line = Buffer.concat(this.#pending).toString('utf8');
        this.#pending = [];
      }
      start = nl + 1;
      const message = this.#line(line);
      if (message) messages.push(message);
    }
    if (start < chunk.length) this.#pending.push(Buffer.from(chunk.subarray(start)));
    return messages;
  }

  /** True while a block is open (its answer not complete yet). */
  get inBlock(): boolean {
    return this.#open !== undefined;
  }

  #line(line: string): ControlMessage | undefined {
    const open = this.#open;
    if (open) {
      if (line.charCodeAt(0) !== 0x25 /* % */ || (line !== open.end && line !== open.error)) {
        open.lines.push(line);
        return undefined;
      }
      this.#open = undefined;
      return {
        kind: 'block',
        time: open.time,
        number: open.number,
        fromClient: open.flags === '1',
        ok: line === open.end,
        lines: open.lines,
      };
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      const [, time, number, flags] = begin as unknown as [string, string, string, string];
      const tail = `${time} ${number} ${flags}`;
      this.#open = { time, number, flags, end: `%end ${tail}`, error: `%error ${tail}`, lines: [] };
      return undefined;
    }
    const note = NOTIFICATION.exec(line);
    return note ? { kind: 'notification', name: note[1]!, args: note[2] ?? '' } : undefined;
  }
}

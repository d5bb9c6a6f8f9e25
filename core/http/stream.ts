// The page's live feed: server-sent events carrying the fleet status. Bounded: a few clients at most, and a client
// that does not read (its queue passes MAX_QUEUED_BYTES) is dropped instead of holding memory or the runner.

/** The most clients streaming at once; more get 503. */
export const MAX_STREAMS = 16;
/** Bytes waiting for one client before it is dropped. */
const MAX_QUEUED_BYTES = 512 * 1024;
/** A comment line keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

/** Every connected page. */
export class StatusStreams {
  readonly #clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor() {
    this.#heartbeat = setInterval(() => this.#send(': keep-alive\n\n'), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** How many pages are connected. */
  get size(): number {
    return this.#clients.size;
  }

  /** A new stream starting with `first` (the status now), or undefined when MAX_STREAMS are open. */
  open(first: string): ReadableStream<Uint8Array> | undefined {
    if (this.#clients.size >= MAX_STREAMS) return undefined;
    let mine: ReadableStreamDefaultController<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          mine = controller;
          this.#clients.add(controller);
          controller.enqueue(encoder.encode(`retry: 2000\n${frame(first)}`));
        },
        cancel: () => {
          if (mine) this.#clients.delete(mine);
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES }),
    );
  }

  /** Sends the status (JSON text) to every page. */
  publish(status: string): void {
    this.#send(frame(status));
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const c of this.#clients) {
      try {
        c.close();
      } catch {
        // already closed
      }
    }
    this.#clients.clear();
  }

  #send(text: string): void {
    if (!this.#clients.size) return;
    const bytes = encoder.encode(text);
    for (const c of this.#clients) {
      // a client that stopped reading: its backlog is dropped with it
      if ((c.desiredSize ?? 0) < bytes.length) {
        this.#clients.delete(c);
        try {
          c.error(new Error('the client does not read its stream'));
        } catch {
          // already gone
        }
        continue;
      }
      c.enqueue(bytes);
    }
  }
}

function frame(data: string): string {
  return `event: status\ndata: ${data.replace(/\n/g, '\ndata: ')}\n\n`;
}

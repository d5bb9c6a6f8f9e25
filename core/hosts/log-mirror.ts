// Pane logs of a remote host, copied into the controller's run directory as they grow: the report, the output wake
// and the transcripts read them like any local log. Each copy resumes from the local file's size, so a dropped link
// loses nothing and copies nothing twice.
import { closeSync, statSync, writeSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { openPrivate } from '../files/private.js';
import type { HostLink } from './link.js';
import type { LogChunk } from './protocol.js';

/** at most this many rounds per sync (each up to the node's chunk bound) */
const ROUNDS = 8;

/** Copies a host's pane logs into local files, by key. */
export class LogMirror {
  readonly #files = new Map<string, string>();
  #running: Promise<void> | undefined;

  constructor(readonly link: HostLink) {}

  /** Starts copying the node's log `key` into the local `file`. */
  add(key: string, file: string): void {
    this.#files.set(key, file);
  }

  /** Copies what is new in every log (one sync at a time; a caller during a sync waits for it, then syncs again). */
  async sync(): Promise<void> {
    while (this.#running) await this.#running;
    this.#running = this.#sync().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #sync(): Promise<void> {
    if (this.link.state !== 'up' || !this.#files.size) return;
    for (let round = 0; round < ROUNDS; round++) {
      const want = [...this.#files].map(([key, file]) => ({ key, offset: sizeOf(file) }));
      const chunks = await this.link.request<LogChunk[]>({ op: 'logs', want });
      let more = false;
      for (const chunk of chunks) {
        const file = this.#files.get(chunk.key);
        if (!file || sizeOf(file) !== chunk.offset) continue;
        const bytes = gunzipSync(Buffer.from(chunk.data, 'base64'));
        const fd = openPrivate(file, 'a');
        try {
          writeSync(fd, bytes);
        } finally {
          closeSync(fd);
        }
        if (chunk.offset + bytes.length < chunk.size) more = true;
      }
      if (!more) return;
    }
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

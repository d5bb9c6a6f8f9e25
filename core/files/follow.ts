// Reading a file that is still being written, like `tail -f`: its bytes so far, then what is appended, until aborted.
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FollowOptions {
  /** start at this byte; default 0 */
  readonly from?: number;
  /** stops the reading (the iteration then ends without an error) */
  readonly signal: AbortSignal;
  /** how often to look for more bytes once the end is reached; default 250 ms */
  readonly pollMs?: number;
  /** called once, the first time the end of the file is reached (what follows is live) */
  readonly onCaughtUp?: () => void;
}

const CHUNK = 64 * 1024;

/** Yields the file's bytes from `from`, then the bytes appended to it, until `signal` aborts. */
export async function* followFile(file: string, options: FollowOptions): AsyncGenerator<Uint8Array> {
  const handle = await open(file, 'r');
  let position = options.from ?? 0;
  let caughtUp = false;
  try {
    while (!options.signal.aborted) {
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead > 0) {
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
        continue;
      }
      if (!caughtUp) {
        caughtUp = true;
        options.onCaughtUp?.();
      }
      // a log cut back (logs.maxMB keeps its start and latest output) or replaced: go on from its new end
      const { size } = await handle.stat();
      if (size < position) position = size;
      await sleep(options.pollMs ?? 250, undefined, { signal: options.signal }).catch(() => undefined);
    }
  } finally {
    await handle.close();
  }
}
